import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { dsmLoss, weightedSquaredError } from '../src/dsm.js';
import { ExactDenoiser } from '../src/models/exact.js';
import { MlpDenoiser } from '../src/models/mlp.js';
import { denoisedFromOutput, denoiserWeight, PARAMETRIZATIONS } from '../src/models/parametrization.js';
import { scoreR2 } from '../src/metrics/score-r2.js';
import { vpLinear } from '../src/schedules/vp.js';
import { edm } from '../src/schedules/ve.js';
import { close, F32, gaussian } from './helpers.js';

const schedule = vpLinear(0.1, 20, 1e-3);

test('each weighting is the squared error of its own target (ε, x0, v, score, EDM F)', () => {
  tf.tidy(() => {
    const [alphaValue, sigmaValue, sd] = [0.6, 0.8, 0.7];
    const alpha = tf.tensor2d([[alphaValue]]),
      sigma = tf.tensor2d([[sigmaValue]]);
    const x0 = tf.tensor2d([[0.3, -1.2]]),
      eps = tf.tensor2d([[0.5, 0.9]]),
      F = tf.tensor2d([[-0.4, 0.2]]);
    const centred = tf.add(tf.mul(alpha, x0), tf.mul(sigma, eps)) as tf.Tensor2D;
    const r = Math.hypot(alphaValue, sigmaValue),
      rel = sigmaValue / alphaValue;
    const cSkip = sd ** 2 / (rel ** 2 + sd ** 2),
      cOut = (rel * sd) / Math.sqrt(rel ** 2 + sd ** 2);
    const targets = {
      eps,
      x0,
      v: tf.div(tf.sub(tf.mul(alphaValue, eps), tf.mul(sigmaValue, x0)), r),
      score: tf.div(tf.neg(eps), sigmaValue),
      edm: tf.div(tf.sub(x0, tf.mul(cSkip, tf.div(centred, alphaValue))), cOut),
    };
    for (const p of PARAMETRIZATIONS) {
      const level = { alpha, sigma };
      const weighted = tf
        .mul(
          denoiserWeight(p, level, sd),
          tf.sum(tf.square(tf.sub(denoisedFromOutput(p, F as tf.Tensor2D, centred, level, sd), x0))),
        )
        .dataSync()[0];
      const direct = tf.sum(tf.square(tf.sub(F, targets[p]))).dataSync()[0];
      close(weighted, direct, 1e-4 * (1 + direct), p);
    }
  });
});

test("the loss's own gradient is TensorFlow.js's gradient of the same ops bit for bit, and (dy/d/n)·w·2(D − x0)", () => {
  const n = 5,
    d = 2;
  const D = [0.3, -1.2, 2.5, 0.01, -0.7, 0.9, 1e-3, 4.2, -3.3, 0.6],
    x0 = [0.1, -1.0, 2.0, 0.3, -0.2, 0.4, 0.5, 4.0, -3.0, -0.6],
    w = [1.5, 0.25, 7.0, 1e-2, 3.3];
  const [fused, unfused, loss] = tf.tidy(() => {
    const target = tf.tensor2d(x0, [n, d]),
      weight = tf.tensor2d(w, [n, 1]);
    const scaled = (f: (D: tf.Tensor2D) => tf.Scalar) => (x: tf.Tensor) => tf.mul(f(x as tf.Tensor2D), 3);
    const chain = (x: tf.Tensor2D) =>
      tf.div(tf.mean(tf.mul(weight, tf.sum(tf.square(tf.sub(x, target)), 1, true))), d) as tf.Scalar;
    const ours = (x: tf.Tensor2D) => weightedSquaredError(x, target, weight);
    return [
      tf
        .grad(scaled(ours))(tf.tensor2d(D, [n, d]))
        .dataSync(),
      tf
        .grad(scaled(chain))(tf.tensor2d(D, [n, d]))
        .dataSync(),
      ours(tf.tensor2d(D, [n, d])).dataSync()[0],
    ];
  });
  assert.equal([...fused], [...unfused], 'bit for bit');
  // float64: with an upstream gradient of 3 (the loss scaled by 3).
  const expected = D.map((v, i) => (3 / d / n) * w[Math.floor(i / d)] * 2 * (v - x0[i]));
  expected.forEach((e, i) => close(fused[i], e, 1e-6, `dD[${i}]`));
  const value =
    w.reduce(
      (sum, wi, row) => sum + wi * ((D[2 * row] - x0[2 * row]) ** 2 + (D[2 * row + 1] - x0[2 * row + 1]) ** 2),
      0,
    ) /
    n /
    d;
  close(loss, value, 1e-6, 'loss');
});

test('the noisy input is (α x0 + b) + σ ε with each product and sum rounded to float32, as the tensor ops round it', () => {
  const d = 3,
    rows = 64;
  const clean = Float32Array.from({ length: rows * d }, (_, i) => 5 * Math.sin(0.37 * i + 1));
  let seen: Float32Array | undefined;
  let levels: { alpha: Float32Array; sigma: Float32Array; shift: Float32Array } | undefined;
  const recorder = {
    dim: d,
    classes: 0,
    denoise(x: tf.Tensor2D, at: typeof levels) {
      seen = x.dataSync() as Float32Array;
      levels = at;
      return x;
    },
  };
  // A process with a shift, so that every term of α x0 + b + σ ε is there.
  const shifted = { ...schedule, shift: (t: number) => 0.3 * t - 1.7 };
  const rng = new Rng('noisy-input');
  tf.tidy(() => {
    dsmLoss(recorder as never, shifted, clean, null, { weighting: 'eps', sigmaData: 1, labelDropout: 0 }, rng);
  });
  // The same draws: times first, then the noise.
  const replay = new Rng('noisy-input');
  shifted.trainTimes(rows, replay);
  const noise = Float32Array.from({ length: rows * d }, () => replay.normal());
  const expected = tf.tidy(() => {
    const column = (v: Float32Array) => tf.tensor2d(v, [rows, 1]);
    const { alpha, sigma, shift } = levels!;
    return tf
      .add(
        tf.add(tf.mul(column(alpha), tf.tensor2d(clean, [rows, d])), column(shift)),
        tf.mul(column(sigma), tf.tensor2d(noise, [rows, d])),
      )
      .dataSync();
  });
  assert.ok(
    levels!.shift.some((b) => b !== 0),
    'the shift takes part',
  );
  assert.equal([...seen!], [...expected]);
});

test("the ε parametrisation's own gradient is TensorFlow.js's gradient of its three ops bit for bit, in F and x̃", () => {
  const n = 4;
  const values = (count: number, scale: number, shift = 0) =>
    Array.from({ length: count }, (_, i) => shift + scale * Math.sin(1.7 * i + 0.3));
  const [ours, autodiff] = tf.tidy(() => {
    const alpha = tf.tensor2d(values(n, 0.4, 0.5), [n, 1]),
      sigma = tf.tensor2d(values(n, 0.3, 0.6), [n, 1]);
    const upstream = tf.tensor2d(values(2 * n, 2.1), [n, 2]);
    const gradients = (denoise: (F: tf.Tensor2D, x: tf.Tensor2D) => tf.Tensor) =>
      tf
        .grads((F: tf.Tensor, x: tf.Tensor) => tf.sum(tf.mul(denoise(F as tf.Tensor2D, x as tf.Tensor2D), upstream)))([
          tf.tensor2d(values(2 * n, 1.3), [n, 2]),
          tf.tensor2d(values(2 * n, 0.9, 0.1), [n, 2]),
        ])
        .map((g) => [...g.dataSync()]);
    return [
      gradients((F, x) => denoisedFromOutput('eps', F, x, { alpha, sigma }, 1)),
      gradients((F, x) => tf.div(tf.sub(x, tf.mul(sigma, F)), alpha)),
    ];
  });
  assert.equal(ours, autodiff, 'bit for bit');
  // The branch bites: (dy/α)·σ rounded in another order differs somewhere.
  const reordered = tf.tidy(() => {
    const alpha = tf.tensor2d(values(n, 0.4, 0.5), [n, 1]),
      sigma = tf.tensor2d(values(n, 0.3, 0.6), [n, 1]);
    const dy = tf.tensor2d(values(2 * n, 2.1), [n, 2]);
    return [...tf.neg(tf.div(tf.mul(dy, sigma), alpha)).dataSync()];
  });
  assert.ok(
    reordered.some((v, i) => v !== ours[0][i]),
    'the test tells the orders apart',
  );
});

test('on Gaussian data the exact score makes the ε-DSM loss its minimum E_t[α²s²/(α²s² + σ²)]', () => {
  // Data N(μ, s² I): the best ε̂ leaves E‖ε̂ − ε‖²/d = 1 − σ²/(α²s² + σ²) at each t.
  const s = 0.7,
    rows = 60000;
  const data = gaussian([1, -2], [s * s, 0, 0, s * s]);
  const clean = data.sample(rows, new Rng('data')).values;
  const loss = tf.tidy(
    () =>
      dsmLoss(
        new ExactDenoiser(data),
        schedule,
        clean,
        null,
        { weighting: 'eps', sigmaData: 1, labelDropout: 0 },
        new Rng('loss'),
      ).dataSync()[0],
  );
  const times = schedule.trainTimes(rows, new Rng('loss')); // the same draws the loss made first
  // Given t, a row's loss is r_t·χ²₂/2 with r_t = α²s²/(α²s² + σ²): mean r_t, variance r_t². The mean over rows is
  // within 5 standard errors √Σr_t²/rows, plus float32 summation over the rows (≤ rows·u relative).
  let expected = 0,
    squares = 0;
  for (const t of times) {
    const r = (schedule.alpha(t) ** 2 * s * s) / (schedule.alpha(t) ** 2 * s * s + schedule.sigma(t) ** 2);
    expected += r / rows;
    squares += r * r;
  }
  close(loss, expected, (5 * Math.sqrt(squares)) / rows + rows * F32 * expected, 'loss');
  // Any other denoiser does worse: a score off by a constant.
  const wrong = tf.tidy(
    () =>
      dsmLoss(
        new ExactDenoiser(gaussian([1.5, -2], [s * s, 0, 0, s * s])),
        schedule,
        clean,
        null,
        { weighting: 'eps', sigmaData: 1, labelDropout: 0 },
        new Rng('loss'),
      ).dataSync()[0],
  );
  assert.ok(wrong > loss + 0.01, `${wrong} > ${loss}`);
});

test('a network trained briefly with DSM approaches the analytic score (R² > 0.9 at moderate noise)', () => {
  const data = gaussian([1, -1], [0.5, 0.2, 0.2, 0.3]);
  const clean = data.sample(4096, new Rng('train')).values;
  const model = new MlpDenoiser(
    { dim: 2, hidden: 32, layers: 2, frequencies: 4, classes: 0, parametrization: 'eps', sigmaData: 1 },
    new Rng('init'),
  );
  const optimizer = tf.train.adam(1e-2);
  const variables = [...model.namedVariables().values()];
  const rng = new Rng('steps');
  const r2Before = scoreR2(model, [new ExactDenoiser(data)], schedule, clean.subarray(0, 2000), 0.3, new Rng('r2'))[0];
  for (let step = 0; step < 250; step++) {
    const start = (step * 256) % 3840;
    tf.tidy(() => {
      optimizer.minimize(
        () =>
          dsmLoss(
            model,
            schedule,
            clean.subarray(2 * start, 2 * (start + 256)),
            null,
            { weighting: 'eps', sigmaData: 1, labelDropout: 0 },
            rng,
          ),
        false,
        variables,
      );
    });
  }
  const r2 = scoreR2(model, [new ExactDenoiser(data)], schedule, clean.subarray(0, 2000), 0.3, new Rng('r2'))[0];
  optimizer.dispose();
  assert.ok(r2 > 0.9 && r2 > r2Before, `R² ${r2Before} → ${r2}`);
});

test('label dropout sends the rows whose dropout draw is below the rate to the null class', () => {
  const data = gaussian([0, 0], [1, 0, 0, 1]);
  const clean = data.sample(64, new Rng('d')).values;
  let seen: number[] = [];
  const spy = {
    dim: 2,
    classes: 3,
    denoise: (x: tf.Tensor2D, _levels: unknown, labels: Int32Array | null) => {
      seen = [...labels!];
      return x;
    },
  };
  tf.tidy(() =>
    dsmLoss(
      spy,
      edm({ sigmaMin: 0.002, sigmaMax: 80, rho: 7, pMean: -1.2, pStd: 1.2 }),
      clean,
      new Int32Array(64).fill(1),
      { weighting: 'edm', sigmaData: 0.5, labelDropout: 0.25 },
      new Rng('x'),
    ),
  );
  // The loss draws from its rng, in order: 64 EDM training times (a normal each), 64 × 2 noise normals, then one uniform per row.
  const draws = new Rng('x');
  for (let i = 0; i < 64 + 64 * 2; i++) draws.normal();
  const expected = Array.from({ length: 64 }, () => (draws.uniform() < 0.25 ? -1 : 1));
  assert.equal(seen, expected);
  assert.is(seen.filter((label) => label === -1).length, 18); // of 64 at rate 0.25
});

test.run();
