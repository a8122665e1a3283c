// The building blocks against hand-computed values and tfjs's own (slow on wasm, but correct)
// automatic gradients on the cpu backend.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { embed } from '../src/layers/embedding.js';
import { gelu } from '../src/layers/gelu.js';
import { layerNorm } from '../src/layers/layer-norm.js';
import { maxAbsDiff } from './helpers/random-weights.js';

const close = (a: tf.Tensor, b: ArrayLike<number>, tol = 1e-5) => {
  const diff = maxAbsDiff(a.dataSync(), b);
  assert.ok(diff < tol, `max diff ${diff}`);
};

test.before(async () => {
  await tf.setBackend('cpu');
});

test('gelu: exact and tanh forms at hand-computed points', () => {
  const x = tf.tensor1d([-2, 0, 1, 3]);
  // 0.5·x·(1 + erf(x/√2)): Φ(1) = 0.8413447, Φ(-2) = 0.0227501, Φ(3) = 0.9986501.
  close(gelu(x, 'exact'), [-0.0455003, 0, 0.8413447, 2.9959502]);
  // 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))).
  close(gelu(x, 'tanh'), [-0.0454023, 0, 0.841192, 2.9963627]);
});

test('gelu derivative: exact Φ(x) + x·φ(x)', () => {
  const g = tf.grad((x: tf.Tensor) => tf.sum(gelu(x, 'exact')))(tf.tensor1d([1]));
  close(g, [0.8413447 + 0.2419707]);
});

test('layerNorm: hand values and gradients against automatic differentiation', () => {
  const x = tf.tensor2d([
    [1, 2, 3],
    [2, 2, 8],
  ]);
  const w = tf.tensor1d([1, 2, 0.5]),
    b = tf.tensor1d([0, 1, -1]);
  // Row 1: mean 2, var 2/3 → x̂ = [-√1.5, 0, √1.5]; row 2: mean 4, var 8 → x̂ = [-1/√2, -1/√2, √2].
  const r = Math.sqrt(1.5);
  close(layerNorm(x, tf.ones([3]), tf.zeros([3]), 0), [-r, 0, r, -Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT2]);
  const probe = tf.tensor2d([
    [0.3, -1, 2],
    [1, 0.5, -0.7],
  ]);
  const plain = (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => {
    const { mean, variance } = tf.moments(xi, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(xi, mean), tf.sqrt(tf.add(variance, 1e-5))), wi), bi);
  };
  const ours = tf.grads((xi, wi, bi) =>
    tf.sum(tf.mul(layerNorm(xi as tf.Tensor2D, wi as tf.Tensor1D, bi as tf.Tensor1D, 1e-5), probe)),
  )([x, w, b]);
  const reference = tf.grads((xi, wi, bi) => tf.sum(tf.mul(plain(xi, wi, bi), probe)))([x, w, b]);
  ours.forEach((g, i) => close(g, reference[i].dataSync()));
});

test('embed: rows by id; a repeated id gets the sum of its gradients', () => {
  const table = tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const ids = tf.tensor1d([2, 0, 2], 'int32');
  close(embed(table, ids), [5, 6, 1, 2, 5, 6]);
  const probe = tf.tensor2d([
    [1, 2],
    [3, 4],
    [10, 20],
  ]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embed(t as tf.Tensor2D, ids), probe)))(table);
  close(g, [3, 4, 0, 0, 11, 22]);
});

test.run();
