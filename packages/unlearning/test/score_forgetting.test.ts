// The SiD generator loss against float64 values and central differences, and score_forgetting's
// label map and checks on tiny networks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { sidRowLosses } from '../src/sid-loss.js';

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

test.run();
