import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, SousError, tf } from '@sous/core';
import { cordaAdapter, ridgeCovariance } from '../src/weights/corda.js';
import { loraInit, loraWeight } from '../src/weights/lora.js';
import { assertClose } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const flat = (m: number[][]) => m.flat();
const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
const product = (x: number[][], y: number[][]) =>
  x.map((row) => y[0].map((_, j) => row.reduce((s, v, k) => s + v * y[k][j], 0)));

test('ridge covariance: G + ε·mean(diag G)·I, by hand', () => {
  // mean diagonal (10 + 6) / 2 = 8, so the ridge is 0.5 · 8 = 4
  assertClose(
    flat(
      ridgeCovariance(
        [
          [10, -1],
          [-1, 6],
        ],
        0.5,
      ),
    ),
    [14, -1, -1, 10],
    1e-12,
  );
});

test('ridge covariance: a Gram matrix symmetric only up to rounding is averaged with its transpose', () => {
  // G[0][1] and G[1][0] one float32 ulp apart, as a BLAS may round XᵀX; mean diagonal 8, ridge 0.8.
  const upper = Math.fround(-1.0000001);
  const c = ridgeCovariance(
    [
      [10, upper],
      [-1, 6],
    ],
    0.1,
  );
  assertClose(flat(c), [10.8, (upper - 1) / 2, (upper - 1) / 2, 6.8], 1e-12);
  assert.is(c[0][1], c[1][0]);
  const { frozen } = cordaAdapter([[1, 2]], c, 1, 'kpa');
  assert.is(frozen[0].length, 2);
});

test('CorDA by hand: W = diag(3, 1), C = diag(1, 4) → W C = diag(3, 4); the context reorders the components', () => {
  const w = [
    [3, 0],
    [0, 1],
  ];
  const c = [
    [1, 0],
    [0, 4],
  ];
  // KPA adapts the smallest σ (3, the first coordinate): B A = √3 e₁ · √3 e₁ᵀ C⁻¹ = diag(3, 0).
  const kpa = cordaAdapter(w, c, 1, 'kpa');
  assertClose(kpa.singularValues, [4, 3], 1e-12);
  assertClose(flat(product(kpa.b, kpa.a)), [3, 0, 0, 0], 1e-12, 'kpa BA');
  assertClose(flat(kpa.frozen), [0, 0, 0, 1], 1e-12, 'kpa frozen');
  // IPA adapts the largest (4, the second): B = 2 e₂, A = 2 e₂ᵀ C⁻¹ = (0, 0.5), B A = diag(0, 1).
  const ipa = cordaAdapter(w, c, 1, 'ipa');
  assertClose(flat(product(ipa.b, ipa.a)), [0, 0, 0, 1], 1e-12, 'ipa BA');
  assertClose(ipa.a[0].map(Math.abs), [0, 0.5], 1e-12, 'ipa A');
  // Without context (C = I) the smallest component of W is the second coordinate instead.
  const plain = cordaAdapter(
    w,
    [
      [1, 0],
      [0, 1],
    ],
    1,
    'kpa',
  );
  assertClose(flat(product(plain.b, plain.a)), [0, 0, 0, 1], 1e-12, 'C = I');
});

test('CorDA on a random layer: W′ + B A = W, and ‖B A C‖²_F is the sum of the chosen σ² (float64)', () => {
  const rng = new Rng('corda');
  const w = Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => rng.normal()));
  const x = Array.from({ length: 20 }, () => Array.from({ length: 5 }, (_, j) => (j + 1) * rng.normal()));
  const c = ridgeCovariance(product(transpose(x), x), 1e-3);
  for (const mode of ['kpa', 'ipa'] as const) {
    const { frozen, a, b, singularValues } = cordaAdapter(w, c, 2, mode);
    assert.is(singularValues.length, 3);
    assert.ok(singularValues[0] >= singularValues[1] && singularValues[1] >= singularValues[2]);
    const ba = product(b, a);
    assertClose(flat(frozen.map((row, i) => row.map((v, j) => v + ba[i][j]))), flat(w), 1e-9, `${mode} W′ + BA`);
    const chosen = mode === 'ipa' ? singularValues.slice(0, 2) : singularValues.slice(1);
    const energy = flat(product(ba, c)).reduce((s, v) => s + v * v, 0);
    const expected = chosen.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(energy - expected) < 1e-6 * expected, `${mode}: ${energy} vs ${expected}`);
    const total = flat(product(w, c)).reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(total - singularValues.reduce((s, v) => s + v * v, 0)) < 1e-6 * total, 'Σσ² = ‖W C‖²');
  }
});

test('CorDA: a rank out of range or a covariance of the wrong size is a clear error', () => {
  const w = [
    [1, 0, 0],
    [0, 1, 0],
  ];
  const c = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  assert.throws(
    () => cordaAdapter(w, c, 3, 'kpa'),
    (e: unknown) => e instanceof SousError && /rank must be an integer in \[1, 2\]/.test(e.message),
  );
  assert.throws(
    () =>
      cordaAdapter(
        w,
        [
          [1, 0],
          [0, 1],
        ],
        1,
        'kpa',
      ),
    /covariance is 2×2, expected 3×3/,
  );
  assert.throws(
    () =>
      cordaAdapter(
        w,
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
        ],
        1,
        'kpa',
      ),
    /not positive definite/,
  );
});

test('LoRA: starts at W (B = 0); W + (α/r) B A by hand; dL/dB = (α/r) G Aᵀ', () => {
  const weight = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const init = loraInit(2, 3, 1, new Rng('lora'));
  assertClose(loraWeight(weight, init, 8).dataSync(), [1, 2, 3, 4, 5, 6], 0);
  const a = tf.tensor2d([
    [1, 0, -1],
    [0, 2, 0],
  ]);
  const b = tf.tensor2d([
    [1, 0],
    [0, 1],
  ]);
  // α / r = 4 / 2 = 2: W + 2 B A
  assertClose(loraWeight(weight, { a, b }, 4).dataSync(), [3, 2, 1, 4, 9, 6], 1e-6);
  const g = tf.tensor2d([
    [1, -1, 0.5],
    [2, 0, 1],
  ]);
  const dB = tf.grad((bb: tf.Tensor) => tf.sum(tf.mul(loraWeight(weight, { a, b: bb as tf.Tensor2D }, 4), g)))(b);
  // G Aᵀ = [[1·1 + 0.5·(−1), −1·2], [2 − 1, 0]] = [[0.5, −2], [1, 0]], times 2
  assertClose(dB.dataSync(), [1, -4, 2, 0], 1e-6);
  assert.throws(() => loraInit(2, 3, 3, new Rng('x')), /rank must be an integer in \[1, 2\]/);
});

test.run();
