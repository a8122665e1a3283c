import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { exactScore } from '../src/nodes/exact_score.js';
import { fkcSample } from '../src/nodes/fkc_sample.js';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { vp } from '../src/nodes/vp.js';
import { makePoints, type Points } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';
import type { NoiseSchedule } from '../src/schedules/schedule.js';
import { close, F32, gaussian } from './helpers.js';

// One 1-D expert N(m, v): its noised score is −(x − α m)/(α² v + σ²) in closed form.
const [m, v] = [1, 0.5];
const expert = runNode(exactScore, {
  data: {
    kind: 'distribution',
    name: 'g',
    dim: 1,
    classes: 1,
    space: 'data',
    train: makePoints(Float32Array.of(0), 1),
    test: makePoints(Float32Array.of(0), 1),
    sample: () => makePoints(Float32Array.of(0), 1),
    mixture: gaussian([m], [v]),
  },
});
const schedule = runNode<NoiseSchedule>(vp, {}, { beta_min: 0.1, beta_max: 10, t_min: 0.05 });
const [n, steps] = [8, 10];

/** Euler–Maruyama on the reverse SDE and the final Tweedie step, in float64 from the node's draws, with a first-order float32 error bound. */
function reference(): { values: number[]; tolerance: number[] } {
  const rng = new Rng('0/node/0'); // testContext's rng
  const grid = schedule.grid(steps);
  const score = (x: number, t: number) =>
    -(x - schedule.alpha(t) * m) / (schedule.alpha(t) ** 2 * v + schedule.sigma(t) ** 2);
  let x = Array.from({ length: n }, () => Math.fround(schedule.sigma(grid[0]) * Math.fround(rng.normal())));
  let error = x.map(() => 0);
  for (let i = 0; i < steps; i++) {
    const t = grid[i],
      dt = grid[i] - grid[i + 1],
      { f, g2 } = schedule.sde(t);
    const z = x.map(() => Math.fround(rng.normal()));
    // The step is linear in x with slope J = 1 − dt(f + g²/(α²v + σ²)); each of its ~8 float32 operations adds u·|term|.
    const slope = 1 - dt * (f + g2 / (schedule.alpha(t) ** 2 * v + schedule.sigma(t) ** 2));
    error = error.map(
      (e, row) =>
        Math.abs(slope) * e +
        8 *
          F32 *
          (Math.abs(x[row]) +
            dt * (Math.abs(f * x[row]) + g2 * Math.abs(score(x[row], t))) +
            Math.sqrt(g2 * dt) * Math.abs(z[row])),
    );
    x = x.map((xi, row) => xi - dt * (f * xi - g2 * score(xi, t)) + Math.sqrt(g2 * dt) * z[row]);
  }
  const tEnd = grid[steps],
    [a, s] = [schedule.alpha(tEnd), schedule.sigma(tEnd)];
  const shrink = 1 - (s * s) / (a * a * v + s * s); // dD/dx
  return {
    values: x.map((xi) => (xi + s * s * score(xi, tEnd)) / a),
    tolerance: x.map(
      (xi, row) => (shrink * error[row] + 8 * F32 * (Math.abs(xi) + s * s * Math.abs(score(xi, tEnd)))) / a,
    ),
  };
}

test('fkc_sample with one expert at β = 1 is Euler–Maruyama on its reverse SDE (float64 reference, float32 bound)', () => {
  const ctx = testContext();
  const points = runNode<Points>(fkcSample, { first: expert, schedule }, { n, particles: 4, steps, betas: [1] }, ctx);
  assert.equal([points.count, points.dim], [n, 1]);
  const { values, tolerance } = reference();
  values.forEach((value, row) => close(points.values[row], value, tolerance[row], `sample ${row}`));
  // Its log-weights stay 0: ESS is always full, and only the final resampling (one per group of 4) happens, as the identity.
  assert.equal(ctx.metrics, { resamples: 2, mean_ess: 1 });
  const naive = runNode<Points>(
    fkcSample,
    { first: expert, schedule },
    { n, particles: 4, steps, betas: [1], correct: false },
  );
  assert.equal([...naive.values], [...points.values]);
});

test('fkc_sample with two experts weights and resamples, and differs from the naive sampler', () => {
  const data = runNode<Distribution>(
    gaussianMixture,
    {},
    { components: 2, radius: 2, std: 0.5, train_size: 4, test_size: 4 },
  );
  const second = runNode(exactScore, {
    data: runNode<Distribution>(
      gaussianMixture,
      {},
      { components: 1, layout: 'grid', radius: 1, std: 1, train_size: 4, test_size: 4 },
    ),
  });
  const first = runNode(exactScore, { data });
  const ctx = testContext();
  const corrected = runNode<Points>(
    fkcSample,
    { first, second, schedule },
    { n: 16, particles: 8, steps, ess: 1 },
    ctx,
  );
  // ess: 1 resamples whenever the weights are not all equal: at every step in both groups, and at the end.
  assert.is(ctx.metrics.resamples, 2 * (steps + 1));
  assert.ok(ctx.metrics.mean_ess < 1, `mean ESS ${ctx.metrics.mean_ess}`);
  const naive = runNode<Points>(fkcSample, { first, second, schedule }, { n: 16, particles: 8, steps, correct: false });
  assert.not.equal([...corrected.values], [...naive.values]);
});

test('fkc_sample: one beta per expert, experts of one dimension, denoisers only', async () => {
  const twoD = runNode(exactScore, {
    data: runNode<Distribution>(gaussianMixture, {}, { components: 2, train_size: 4, test_size: 4 }),
  });
  await new NodeTester(fkcSample).run({
    invalid: [
      {
        inputs: { first: expert, schedule },
        params: { betas: [1, 1] },
        messageId: 'betaCount',
        data: { betas: 2, experts: '1 expert' },
      },
      { inputs: { first: expert, second: twoD, schedule }, messageId: 'modelDim', data: { got: 2, want: 1 } },
      {
        inputs: { first: { kind: 'model', trainable: true, namedVariables: () => new Map() }, schedule },
        messageId: 'notDenoiser',
        data: { got: 'a value of kind "model"' },
      },
    ],
  });
});

test.run();
