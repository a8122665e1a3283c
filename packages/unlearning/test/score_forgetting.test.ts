// The SiD generator loss against float64 values and central differences, and score_forgetting's
// label map and checks on tiny networks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import diffusion, { MlpDenoiser, type OneStepGenerator, levelsAt, type NoiseSchedule } from '@sous/diffusion';
import { sidRowLosses } from '../src/sid-loss.js';
import { score_forgetting } from '../src/nodes/score_forgetting.js';

/** The per-row loss in float64: ⟨Δ, (f_T − x) − α Δ⟩ / mean|f_T − x|, Δ = f_T − f_φ. */
function sidRow(teacher: number[], fake: number[], x: number[], alpha: number): number {
  let inner = 0,
    scale = 0;
  teacher.forEach((value, i) => {
    const gap = value - fake[i];
    inner += gap * (value - x[i] - alpha * gap);
    scale += Math.abs(value - x[i]) / teacher.length;
  });
  return inner / scale;
}

const rows = {
  teacher: [
    [0.5, -1.25, 2],
    [-0.3, 0.7, 0.1],
  ],
  fake: [
    [0.1, -0.5, 1.5],
    [0.2, 0.9, -0.4],
  ],
  x: [
    [1, -2, 0.5],
    [0.4, -0.1, 0.3],
  ],
};

test('sidRowLosses: values agree with the float64 formula', () => {
  const got = tf.tidy(() =>
    sidRowLosses(tf.tensor2d(rows.teacher), tf.tensor2d(rows.fake), tf.tensor2d(rows.x), 1.2).arraySync(),
  );
  rows.x.forEach((_, r) => {
    const want = sidRow(rows.teacher[r], rows.fake[r], rows.x[r], 1.2);
    assert.ok(Math.abs(got[r] - want) < 1e-5 * Math.max(1, Math.abs(want)), `row ${r}: ${got[r]} vs ${want}`);
  });
  // (1 − α)‖Δ‖² + Δᵀ(f_φ − x) is the same number (formulas' form of the loss).
  const gap = rows.teacher[0].map((v, i) => v - rows.fake[0][i]);
  const other =
    (1 - 1.2) * gap.reduce((s, g) => s + g * g, 0) +
    gap.reduce((s, g, i) => s + g * (rows.fake[0][i] - rows.x[0][i]), 0);
  const scale = rows.teacher[0].reduce((s, v, i) => s + Math.abs(v - rows.x[0][i]), 0) / 3;
  assert.ok(Math.abs(other / scale - got[0]) < 1e-5 * Math.abs(got[0]));
});

// The chain through x_t: f_T = A x + a and f_φ = B x + b as linear "networks" of the sample x; the
// gradient of Σ rows w.r.t. x (ω held fixed, as sg makes it) against float64 central differences.
test('sidRowLosses: the gradient through the networks matches central differences (ω held fixed)', () => {
  const A = [
    [0.9, 0.2, -0.1],
    [0.05, 1.1, 0.3],
    [-0.2, 0.1, 0.8],
  ];
  const B = [
    [1.2, -0.3, 0],
    [0.4, 0.7, 0.1],
    [0.1, 0, 1.3],
  ];
  const a = [0.3, -0.2, 0.5],
    b = [-0.1, 0.4, 0.2];
  const apply = (M: number[][], c: number[], x: number[]) =>
    M.map((row, i) => row.reduce((s, m, j) => s + m * x[j], c[i]));
  const x0 = [0.7, -0.4, 1.1];
  const omega = apply(A, a, x0).reduce((s, v, i) => s + Math.abs(v - x0[i]), 0) / 3;
  const loss64 = (x: number[]) =>
    sidRow(apply(A, a, x), apply(B, b, x), x, 1.2) *
    (apply(A, a, x).reduce((s, v, i) => s + Math.abs(v - x[i]), 0) / 3 / omega);
  const grad = tf.tidy(
    () =>
      tf
        .grad((x: tf.Tensor) => {
          const row = x as tf.Tensor2D;
          const teacher = tf.add(tf.matMul(row, tf.tensor2d(A), false, true), tf.tensor2d([a])) as tf.Tensor2D;
          const fake = tf.add(tf.matMul(row, tf.tensor2d(B), false, true), tf.tensor2d([b])) as tf.Tensor2D;
          return tf.sum(sidRowLosses(teacher, fake, row, 1.2));
        })(tf.tensor2d([x0]))
        .arraySync() as number[][],
  );
  const h = 1e-6;
  x0.forEach((_, i) => {
    const up = x0.slice(),
      down = x0.slice();
    up[i] += h;
    down[i] -= h;
    const want = (loss64(up) - loss64(down)) / (2 * h);
    assert.ok(Math.abs(grad[0][i] - want) < 1e-4 * Math.max(1, Math.abs(want)), `d/dx${i}: ${grad[0][i]} vs ${want}`);
  });
});

// Tiny 2-D, 3-class networks: the teacher, a fake denoiser of other weights, and a generator copied from the teacher.
const diffusionNode = (name: string) => diffusion.nodes.find((node) => node.name === name)!;
const schedule = runNode<NoiseSchedule>(diffusionNode('edm'), {});
const network = (seed: string, options: { dim?: number; classes?: number } = {}) =>
  new MlpDenoiser(
    {
      dim: options.dim ?? 2,
      hidden: 8,
      layers: 2,
      frequencies: 2,
      classes: options.classes ?? 3,
      parametrization: 'edm',
      sigmaData: 0.5,
    },
    new Rng(seed),
  );
const teacher = network('teacher');
const fake = network('fake');
const generator = runNode<OneStepGenerator>(diffusionNode('one_step_generator'), { teacher, schedule });

/**
 * The loss recomputed from the same random stream: z for the generator's rows (classes in turn), the
 * training times, then ε; x_t = α x_g + b + σ ε; the teacher queried at `safe` for forgotten rows; the
 * rows' float64 losses weighted and averaged.
 */
function expectedLoss(seed: string, size: number, forget: number[], safe: number, forgetWeight: number): number {
  const rng = new Rng(seed);
  const normals = (count: number) => Float32Array.from({ length: count }, () => rng.normal());
  const labels = Int32Array.from({ length: size }, (_, row) => row % 3);
  const z = normals(size * 2);
  const generated = tf.tidy(() => generator.generate(tf.tensor2d(z, [size, 2]), labels).arraySync());
  const levels = levelsAt(schedule, schedule.trainTimes(size, rng));
  const eps = normals(size * 2);
  const noisy = generated.map((row, r) =>
    row.map((x, i) => levels.alpha[r] * x + levels.shift[r] + levels.sigma[r] * eps[r * 2 + i]),
  );
  const teacherLabels = labels.map((label) => (forget.includes(label) ? safe : label));
  const at = (model: MlpDenoiser, rows: Int32Array) =>
    tf.tidy(() => model.denoise(tf.tensor2d(noisy), levels, rows).arraySync());
  const teacherOut = at(teacher, teacherLabels),
    fakeOut = at(fake, labels);
  let total = 0;
  labels.forEach((label, r) => {
    const weight = forget.includes(label) ? forgetWeight : 1;
    total += weight * sidRow(teacherOut[r], fakeOut[r], generated[r], 1.2);
  });
  return total / size;
}

const lossOf = (params: Record<string, unknown>, seed = 'loss', fakeModel: MlpDenoiser = fake) =>
  tf.tidy(
    () =>
      runNode<tf.Scalar>(
        score_forgetting,
        { generator, teacher, fake: fakeModel },
        params,
        testContext({ rng: new Rng(seed) }), // the node draws from ctx.rng alone
      ).dataSync()[0],
  );

test('score_forgetting: the loss from the same draws, with the forgotten class taught at the safe class', () => {
  for (const [forget, safe, weight] of [
    [[], 0, 1],
    [[2], 0, 0.5],
    [[1, 2], 0, 3],
  ] as const) {
    const got = lossOf({ size: 6, forget, safe, forget_weight: weight });
    const want = expectedLoss('loss', 6, [...forget], safe, weight);
    assert.ok(Math.abs(got - want) < 1e-4 * Math.max(1, Math.abs(want)), `forget ${forget}: ${got} vs ${want}`);
  }
  // With the fake equal to the teacher, plain SiD has nothing to learn (every row 0); forgetting class 2
  // leaves only class 2's rows, whose teacher is class 0's: the loss scales with their weight.
  const same = runNode<MlpDenoiser>(diffusionNode('denoiser_copy'), { source: teacher });
  assert.is(lossOf({ size: 6 }, 'loss', same), 0);
  const forgotten = lossOf({ size: 6, forget: [2], safe: 0 }, 'loss', same);
  assert.ok(forgotten !== 0);
  assert.is(lossOf({ size: 6, forget: [2], safe: 0, forget_weight: 2 }, 'loss', same), 2 * forgotten);
  assert.is(lossOf({ size: 6, forget: [2], safe: 0, forget_weight: 0 }, 'loss', same), 0);
});

test('score_forgetting: inputs that are not a generator and denoisers of its shape, and bad classes, are errors', async () => {
  const inputs = { generator, teacher, fake };
  await new NodeTester(score_forgetting).run({
    invalid: [
      {
        inputs: { ...inputs, generator: teacher },
        messageId: 'notGenerator',
        data: { got: 'a value of kind "model" (MlpDenoiser)' },
      },
      { inputs: { ...inputs, teacher: generator }, messageId: 'notDenoiser', data: { port: 'teacher' } },
      {
        inputs: { ...inputs, fake: network('1-D', { dim: 1 }) },
        messageId: 'modelDim',
        data: { port: 'fake', got: 1, want: 2 },
      },
      {
        inputs: { ...inputs, teacher: network('2 classes', { classes: 2 }) },
        messageId: 'classesDiffer',
        data: { generator: 3, port: 'teacher', other: 2 },
      },
      { inputs, params: { forget: [3] }, messageId: 'classRange', data: { label: 3, param: 'forget', classes: 3 } },
      {
        inputs,
        params: { forget: [1], safe: 5 },
        messageId: 'classRange',
        data: { label: 5, param: 'safe', classes: 3 },
      },
      { inputs, params: { forget: [0, 1], safe: 1 }, messageId: 'safeForgotten', data: { safe: 1 } },
    ],
  });
});

test.run();
