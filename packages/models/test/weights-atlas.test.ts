import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { composeByBlock, learnCoefficients } from '../src/weights/atlas.js';
import { assertClose, plain, weightMap } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const base = weightMap({ w: [1, 2, 3], b: [0.5] });
const tau1 = weightMap({ w: [1, 0, -1], b: [2] });
const tau2 = weightMap({ w: [0, 1, 1], b: [-1] });
const target = weightMap({ w: [0, 1, 0], b: [1] });

/** Σ_names Σ (θ(Λ) − target)², in float64 from plain arrays: the independent reference. */
function squaredError(lambda: number[][]): number {
  const names = ['w', 'b'];
  const arrays = [base, tau1, tau2, target].map(plain);
  let sum = 0;
  names.forEach((name, block) => {
    arrays[0][name].forEach((theta0, i) => {
      const theta = theta0 + lambda[0][block] * arrays[1][name][i] + lambda[1][block] * arrays[2][name][i];
      sum += (theta - arrays[3][name][i]) ** 2;
    });
  });
  return sum;
}

function objective(weights: Map<string, tf.Tensor>): tf.Scalar {
  return tf.addN([...weights].map(([name, t]) => tf.sum(tf.square(tf.sub(t, target.get(name)!))))) as tf.Scalar;
}

test('compose by block: θ₀ + Σₜ Σ_b λₜᵇ τₜᵇ, by hand', () => {
  const lambda = tf.tensor2d([
    [0.5, 2],
    [-1, 0.25],
  ]);
  const out = plain(composeByBlock(base, [tau1, tau2], lambda));
  assertClose(out.w, [1 + 0.5, 2 - 1, 3 - 0.5 - 1], 1e-6, 'w');
  assertClose(out.b, [0.5 + 4 - 0.25], 1e-6, 'b');
  assert.throws(() => composeByBlock(base, [tau1], lambda), /expected \[1, 2\]/);
});

test('compose by block: the gradient in Λ matches central differences of a float64 loss', () => {
  const point = [
    [0.3, -0.7],
    [1.1, 0.4],
  ];
  const grad = tf.grad((lambda: tf.Tensor) => objective(composeByBlock(base, [tau1, tau2], lambda as tf.Tensor2D)))(
    tf.tensor2d(point),
  );
  const h = 1e-6;
  const numeric = point.flatMap((row, t) =>
    row.map((_, b) => {
      const up = point.map((r) => [...r]);
      const down = point.map((r) => [...r]);
      up[t][b] += h;
      down[t][b] -= h;
      return (squaredError(up) - squaredError(down)) / (2 * h);
    }),
  );
  assertClose(grad.dataSync(), numeric, 1e-3, 'dL/dΛ');
});

test('learned coefficients: block-wise reaches the loss minimum, one λ per task cannot', () => {
  const run = (sharing: 'block' | 'task') =>
    learnCoefficients({
      base,
      vectors: [tau1, tau2],
      objective,
      sharing,
      steps: 400,
      learningRate: 0.05,
      initial: 0.3,
    });
  const block = run('block');
  const task = run('task');
  // Each block is its own two-coefficient least-squares problem; the minimum is checked below by
  // the float64 loss's gradient vanishing there.
  const bestBlock = squaredError(block.coefficients);
  assert.ok(block.losses[0] > bestBlock, 'the loss fell');
  assert.ok(
    bestBlock < squaredError(task.coefficients) - 0.5,
    `block ${bestBlock} vs task ${squaredError(task.coefficients)}`,
  );
  // Task sharing: every block of a task has the same coefficient.
  for (const row of task.coefficients) assert.ok(row.every((v) => v === row[0]));
  // At the optimum the gradient vanishes: central differences of the float64 loss are ≈ 0.
  const h = 1e-5;
  for (let t = 0; t < 2; t++) {
    for (let b = 0; b < 2; b++) {
      const up = block.coefficients.map((r) => [...r]);
      const down = block.coefficients.map((r) => [...r]);
      up[t][b] += h;
      down[t][b] -= h;
      assert.ok(Math.abs((squaredError(up) - squaredError(down)) / (2 * h)) < 1e-2, `stationary at ${t},${b}`);
    }
  }
});

test.run();
