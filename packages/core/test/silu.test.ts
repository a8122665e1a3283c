// The kit's silu: x·σ(x) and its gradient against float64 on the cpu backend, and the fused path
// taken exactly when the active backend registers SousSilu (runtime's native-kernels test checks
// the native kernels themselves and the same values on cpu, wasm and native).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_KERNELS } from '../src/fused-kernels.js';
import { silu } from '../src/silu.js';
import { tf } from '../src/tf.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const sigmoid64 = (x: number) => 1 / (1 + Math.exp(-x));
const silu64 = (x: number) => x * sigmoid64(x);
const xs = [-90, -30, -6, -2.5, -1, -0.25, 0, 1e-3, 0.5, 1.5, 4, 12, 90];
const rs = xs.map((_, i) => ((i * 7) % 5) - 1.75);

function assertClose(actual: ArrayLike<number>, expected: number[], tolerance: number, what: string): void {
  assert.is(actual.length, expected.length, what);
  expected.forEach((e, i) => {
    if (!(Math.abs(actual[i] - e) <= tolerance * Math.max(1, Math.abs(e))))
      assert.unreachable(`${what}[${i}]: ${actual[i]} vs ${e}`);
  });
}

test('silu is x·σ(x) and its gradient σ(x)·(1 + x·(1 − σ(x))), as float64 and its finite differences', () => {
  const [y, dx] = tf.tidy(() => {
    const x = tf.tensor1d(xs);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(silu(v), tf.tensor1d(rs))));
    return [silu(x).dataSync(), g(x).dataSync()];
  });
  assertClose(y, xs.map(silu64), 1e-6, 'silu');
  const h = 1e-6;
  assertClose(
    dx,
    xs.map((x, i) => (rs[i] * (silu64(x + h) - silu64(x - h))) / (2 * h)),
    1e-6,
    'gradient',
  );
  assert.equal(
    tf.tidy(() => silu(tf.tensor2d([[1, 2]])).shape),
    [1, 2],
  );
});

test('silu runs SousSilu and, for its gradient, SousSiluGrad when the backend registers them', () => {
  const calls: string[] = [];
  // Stand-ins that are recognisably not SiLU: 10·x and 100·dy.
  const scaled = (name: string, input: 'x' | 'dy', factor: number) =>
    tf.registerKernel({
      kernelName: name,
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend }) => {
        calls.push(name);
        const info = inputs[input] as tf.TensorInfo;
        const cpu = backend as unknown as {
          readSync(id: object): Float32Array;
          makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
        };
        return cpu.makeTensorInfo(
          info.shape,
          'float32',
          cpu.readSync(info.dataId).map((v) => factor * v),
        );
      },
    });
  scaled(FUSED_KERNELS.silu, 'x', 10);
  scaled(FUSED_KERNELS.siluGrad, 'dy', 100);
  try {
    const [y, dx] = tf.tidy(() => {
      const x = tf.tensor1d([1, -2]);
      return [
        silu(x).dataSync(),
        tf
          .grad((v: tf.Tensor) => tf.sum(silu(v)))(x)
          .dataSync(),
      ];
    });
    assert.equal(
      [Array.from(y), Array.from(dx), calls],
      [
        [10, -20],
        [100, 100],
        ['SousSilu', 'SousSilu', 'SousSiluGrad'],
      ],
    );
  } finally {
    tf.unregisterKernel(FUSED_KERNELS.silu, 'cpu');
    tf.unregisterKernel(FUSED_KERNELS.siluGrad, 'cpu');
  }
  assert.equal(Array.from(tf.tidy(() => silu(tf.tensor1d([0])).dataSync())), [0]);
});

test.run();
