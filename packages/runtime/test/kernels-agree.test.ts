// Every TensorFlow.js op sous's nodes and models run, forward and (where they train) backward, on
// each available backend against the cpu backend's float32 reference: the backend conformance
// check. Here it covers wasm and native; tools/gpu-check runs it with SOUS_KERNEL_BACKENDS=webgpu
// (or tensorflow-gpu) on a GPU machine, where a missing or wrong kernel shows as a named op.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { probeBackends, selectBackend } from '../src/backends.js';

const rng = new Rng('kernels-agree');
const values = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * rng.normal());
const A = values(6 * 5);
const B = values(5 * 4);
const C = values(3 * 4 * 5);
const D = values(3 * 5 * 2);
const POSITIVE = values(6 * 5).map((x) => Math.abs(x) + 0.1);
const IDS = Int32Array.from({ length: 7 }, () => rng.int(6));

/** Each case builds its outputs from fresh tensors of the shared data on the active backend. */
const CASES: Record<string, () => tf.Tensor | tf.Tensor[]> = {
  matMul: () => tf.matMul(tf.tensor2d(A, [6, 5]), tf.tensor2d(B, [5, 4])),
  'matMul (transposed operands)': () => tf.matMul(tf.tensor2d(B, [5, 4]), tf.tensor2d(A, [6, 5]), true, true),
  'batched matMul': () => tf.matMul(tf.tensor3d(C, [3, 4, 5]), tf.tensor3d(D, [3, 5, 2])),
  softmax: () => tf.softmax(tf.tensor2d(A, [6, 5])),
  logSoftmax: () => tf.logSoftmax(tf.tensor2d(A, [6, 5])),
  'exp, log, sqrt, rsqrt': () => {
    const x = tf.tensor2d(POSITIVE, [6, 5]);
    return [tf.exp(x), tf.log(x), tf.sqrt(x), tf.rsqrt(x)];
  },
  'tanh, sigmoid, erf, sin, cos': () => {
    const x = tf.tensor2d(A, [6, 5]);
    return [tf.tanh(x), tf.sigmoid(x), tf.erf(x), tf.sin(x), tf.cos(x)];
  },
  'broadcast add, mul, sub, div': () => {
    const x = tf.tensor2d(A, [6, 5]);
    const row = tf.tensor1d(POSITIVE.slice(0, 5));
    return [tf.add(x, row), tf.mul(x, row), tf.sub(x, row), tf.div(x, row)];
  },
  'sum, mean, max, min over axes': () => {
    const x = tf.tensor3d(C, [3, 4, 5]);
    return [tf.sum(x, 2), tf.mean(x, 1), tf.max(x, 0), tf.min(x, -1), tf.sum(x)];
  },
  'moments (LayerNorm)': () => {
    const { mean, variance } = tf.moments(tf.tensor2d(A, [6, 5]), -1, true);
    return [mean, variance];
  },
  'gather, oneHot': () => [
    tf.gather(tf.tensor2d(A, [6, 5]), tf.tensor1d(IDS, 'int32')),
    tf.oneHot(tf.tensor1d(IDS, 'int32'), 6),
  ],
  'concat, slice, transpose, reshape': () => {
    const x = tf.tensor3d(C, [3, 4, 5]);
    return [
      tf.concat([x, x], 1),
      tf.slice(x, [1, 0, 2], [2, 3, 2]),
      tf.transpose(x, [0, 2, 1]),
      tf.reshape(x, [12, 5]),
    ];
  },
  'maximum, minimum, clipByValue, where, square, abs': () => {
    const x = tf.tensor2d(A, [6, 5]);
    const y = tf.tensor2d(POSITIVE, [6, 5]);
    return [
      tf.maximum(x, y),
      tf.minimum(x, y),
      tf.clipByValue(x, -0.5, 0.5),
      tf.where(tf.greater(x, 0), x, y),
      tf.square(x),
      tf.abs(x),
    ];
  },
  'cumsum, argMax, topk values': () => {
    const x = tf.tensor2d(A, [6, 5]);
    return [tf.cumsum(x, 1), tf.argMax(x, 1).toFloat(), tf.topk(x, 2).values];
  },
  'gradient: matMul, softmax cross-entropy': () => {
    const w = tf.tensor2d(B, [5, 4]);
    const x = tf.tensor2d(A, [6, 5]);
    const labels = tf.oneHot(
      tf.tensor1d(
        IDS.slice(0, 6).map((i) => i % 4),
        'int32',
      ),
      4,
    );
    const loss = (weight: tf.Tensor) => tf.mean(tf.sum(tf.mul(tf.neg(labels), tf.logSoftmax(tf.matMul(x, weight))), 1));
    return tf.grad(loss)(w);
  },
  // No gather here: wasm has no gradient kernel for it, and sous's embeddings do without one.
  'gradient: LayerNorm, GELU (erf)': () => {
    const table = tf.tensor2d(A, [6, 5]);
    const f = (rows: tf.Tensor) => {
      const { mean, variance } = tf.moments(rows, -1, true);
      const normed = tf.div(tf.sub(rows, mean), tf.sqrt(tf.add(variance, 1e-5)));
      return tf.sum(tf.mul(tf.mul(normed, 0.5), tf.add(tf.erf(tf.mul(normed, Math.SQRT1_2)), 1)));
    };
    return tf.grad(f)(table);
  },
};

async function outputs(backend: string, build: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await selectBackend(backend);
  const result = tf.tidy(build);
  const list = Array.isArray(result) ? result : [result];
  const out = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return out;
}

const requested = process.env.SOUS_KERNEL_BACKENDS?.split(',').filter(Boolean);
const statuses = await probeBackends();
const backends: string[] = statuses
  .filter((s) => s.available && s.name !== 'cpu' && (!requested || requested.includes(s.name)))
  .map((s) => s.name);

test('the backends under test are available (SOUS_KERNEL_BACKENDS, or every one here but cpu)', () => {
  if (requested)
    for (const name of requested)
      assert.ok(
        backends.includes(name),
        `${name}: ${statuses.find((s) => s.name === name)?.reason ?? 'unknown backend'}`,
      );
  assert.ok(backends.length > 0, 'no backend besides cpu to check');
});

for (const [name, build] of Object.entries(CASES)) {
  test(`${name}: every backend agrees with cpu to float32 rounding`, async () => {
    const reference = await outputs('cpu', build);
    for (const backend of backends) {
      const ours = await outputs(backend, build);
      assert.is(ours.length, reference.length, `${backend}: outputs`);
      ours.forEach((values, k) => {
        assert.is(values.length, reference[k].length, `${backend} output ${k}: size`);
        for (let i = 0; i < values.length; i++) {
          const expected = reference[k][i];
          // A few ulps of the magnitudes involved: sums of 5 products, transcendental approximations.
          if (!(Math.abs(values[i] - expected) <= 1e-5 * Math.max(1, Math.abs(expected))))
            assert.unreachable(`${name} on ${backend}, output ${k}[${i}]: ${values[i]} vs cpu ${expected}`);
        }
      });
    }
  });
}

test.after(async () => {
  await selectBackend('cpu');
});

test.run();
