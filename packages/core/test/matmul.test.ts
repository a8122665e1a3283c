// The kit's products with fast gradients (linear, matMul, sumRows) against hand-computed values
// and tfjs's own automatic gradients on the cpu backend.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linear } from '../src/linear.js';
import { matMul, sumRows } from '../src/matmul.js';
import { tf } from '../src/tf.js';

/** Elementwise within `tol` of the expected values. */
const close = (actual: tf.Tensor, expected: ArrayLike<number>, tol = 1e-5) => {
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(actual.flatten(), tf.tensor1d(Array.from(expected))))).dataSync()[0]);
  assert.ok(diff < tol, `max diff ${diff}`);
};

test.before(async () => {
  await tf.setBackend('cpu');
});

test('linear and matMul (2-D and batched): values and gradients', () => {
  const x = tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const w = tf.tensor2d([
      [1, 0, -1],
      [2, 1, 0.5],
    ]),
    b = tf.tensor1d([0.5, 0, -2]);
  close(linear(x, w, b), [5.5, 2, -2, 11.5, 4, -3, 17.5, 6, -4]);
  const probe = tf.tensor2d([
    [1, -1, 2],
    [0, 3, 1],
    [-2, 1, 1],
  ]);
  const ours = tf.grads((a, c, d) =>
    tf.sum(tf.mul(linear(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D), probe)),
  )([x, w, b]);
  const reference = tf.grads((a, c, d) => tf.sum(tf.mul(tf.add(tf.matMul(a, c), d), probe)))([x, w, b]);
  ours.forEach((g, i) => close(g, reference[i].dataSync()));
  // A wide left operand takes the (dyᵀ·a)ᵀ path for the right operand's gradient.
  const wide = tf.tensor2d([[1, 2, 3, 4]]),
    tall = tf.tensor2d([[1], [0], [-1], [2]]);
  const [gWide, gTall] = tf.grads((a, c) => tf.sum(tf.mul(matMul(a as tf.Tensor2D, c as tf.Tensor2D), 3)))([
    wide,
    tall,
  ]);
  close(gWide, [3, 0, -3, 6]);
  close(gTall, [3, 6, 9, 12]);
  const a3 = tf.tensor3d([
      [
        [1, 2],
        [0, 1],
      ],
      [
        [2, 0],
        [1, 1],
      ],
    ]),
    b3 = tf.tensor3d([
      [
        [1, 0],
        [1, 1],
      ],
      [
        [0, 1],
        [2, 3],
      ],
    ]);
  const probe3 = tf.tensor3d([
    [
      [1, 2],
      [3, 4],
    ],
    [
      [-1, 0],
      [2, 1],
    ],
  ]);
  close(matMul(a3, b3), [3, 2, 1, 1, 0, 2, 2, 4]);
  const ours3 = tf.grads((p, q) => tf.sum(tf.mul(matMul(p as tf.Tensor3D, q as tf.Tensor3D), probe3)))([a3, b3]);
  const reference3 = tf.grads((p, q) => tf.sum(tf.mul(tf.matMul(p, q), probe3)))([a3, b3]);
  ours3.forEach((g, i) => close(g, reference3[i].dataSync()));
});

test('sumRows adds the rows', () => {
  close(
    sumRows(
      tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 7],
      ]),
    ),
    [9, 13],
  );
});

test.run();
