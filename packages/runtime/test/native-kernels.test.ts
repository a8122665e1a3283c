// The native backend (@sous/native): its replacements of wasm kernels against the cpu backend, its
// fused kernels against float64 references and finite differences, and switching it in and out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadNativeAddon, missingAddonFunctions } from '@sous/native';
import { nativeBackendInfo, probeBackends, selectBackend } from '../src/backends.js';
import {
  customGradient,
  FUSED_KERNELS,
  fusedKernelAvailable,
  linear,
  linearSilu,
  Rng,
  silu,
  tf,
  transposedMatMulIsSlow,
} from '@sous/core';

const rng = new Rng('native-kernels');
type Data = { shape: number[]; values: Float32Array };
const data = (shape: number[], scale = 1, shift = 0): Data => ({
  shape,
  values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => shift + scale * rng.normal()),
});
const tensor = (d: Data) => tf.tensor(d.values, d.shape, 'float32');

/** Runs `build` in a tidy on a sous backend; its outputs' shapes and values. */
async function on(
  backend: string,
  build: () => tf.Tensor | tf.Tensor[],
): Promise<{ shape: number[]; values: Float64Array }[]> {
  await selectBackend(backend);
  const result = tf.tidy(build);
  const list = Array.isArray(result) ? result : [result];
  const outputs = list.map((t) => ({ shape: t.shape, values: Float64Array.from(t.dataSync()) }));
  tf.dispose(list);
  return outputs;
}
/** Runs a registered kernel (a fused one) on the active backend. */
const kernel = (name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown> = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

/** |actual − expected| ≤ tolerance·max(1, |expected|) everywhere. */
function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    if (!(error <= tolerance * Math.max(1, Math.abs(expected[i]))))
      assert.unreachable(`${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}
async function assertSameOnCpu(what: string, build: () => tf.Tensor | tf.Tensor[]): Promise<void> {
  const expected = await on('cpu', build),
    actual = await on('native', build);
  expected.forEach((e, i) => {
    assert.equal(actual[i].shape, e.shape, `${what}: shape`);
    assertClose(actual[i].values, e.values, 1e-5, what);
  });
}

/** ∂f/∂p[i] by central differences in float64, for every i. */
function finiteDifferences(f: () => number, p: Float64Array, h = 1e-6): Float64Array {
  return p.map((value, i) => {
    p[i] = value + h;
    const up = f();
    p[i] = value - h;
    const down = f();
    p[i] = value;
    return (up - down) / (2 * h);
  });
}
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, v, i) => sum + v * b[i], 0);

test('the native backend starts here (its addon is built)', async () => {
  try {
    await selectBackend('native');
  } catch (error) {
    const status = (await probeBackends()).find((s) => s.name === 'native');
    assert.unreachable(`native is not available: ${status?.reason ?? (error as Error).message}`);
  }
  assert.is(tf.getBackend(), 'wasm');
});

test('an addon without some kernels (built from older sources) is named by what it lacks', () => {
  assert.equal(missingAddonFunctions(loadNativeAddon()), []);
  const { silu: _silu, broadcastBinary: _broadcast, ...older } = loadNativeAddon();
  assert.equal(missingAddonFunctions(older), ['silu', 'broadcastBinary']);
  assert.ok(missingAddonFunctions({}).includes('gemm'));
});

const [m, k, n] = [5, 7, 3];
test('BatchMatMul and _FusedMatMul equal cpu: transposes, batches, broadcasts, bias, activations', async () => {
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ]) {
    const a = data(ta ? [k, m] : [m, k]),
      b = data(tb ? [n, k] : [k, n]);
    await assertSameOnCpu(`2-D ${ta}/${tb}`, () => tf.matMul(tensor(a), tensor(b), ta, tb));
  }
  const cases: [string, number[], number[], boolean, boolean][] = [
    ['batched', [4, m, k], [4, k, n], false, false],
    ['batched transposed', [4, k, m], [4, n, k], true, true],
    ['rank 3 × rank 2', [4, m, k], [k, n], false, false],
    ['rank 2 × rank 3', [m, k], [4, k, n], false, false],
    ['rank 3 × rank 2ᵀ', [4, m, k], [n, k], false, true],
    ['batch n × batch 1', [4, m, k], [1, k, n], false, false],
    ['batch 1 × batch n', [1, k, m], [4, k, n], true, false],
  ];
  for (const [what, sa, sb, ta, tb] of cases) {
    const a = data(sa),
      b = data(sb);
    await assertSameOnCpu(what, () => tf.matMul(tensor(a), tensor(b), ta, tb));
  }
  const a = data([3, m, k]),
    b = data([n, k]),
    bias = data([n]);
  await assertSameOnCpu('fused with bias', () =>
    tf.fused.matMul({ a: tensor(a), b: tensor(b), transposeB: true, bias: tensor(bias) }),
  );
  await assertSameOnCpu('fused without bias', () => tf.fused.matMul({ a: tensor(a), b: tensor(b), transposeB: true }));
  // Activations run natively too (wasm's own fused kernel adds the bias wrongly when b is
  // transposed or batched, tfjs-backend-wasm 4.22): every one, on the cases wasm gets wrong.
  const alpha = data([n]);
  for (const activation of ['relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const) {
    await assertSameOnCpu(`fused ${activation}, bias, b transposed`, () =>
      tf.fused.matMul({
        a: tensor(a),
        b: tensor(b),
        transposeB: true,
        bias: tensor(bias),
        activation,
        preluActivationWeights: activation === 'prelu' ? tensor(alpha) : undefined,
        leakyreluAlpha: 0.3,
      }),
    );
  }
});

// Shapes that the native kernel does not handle itself should still give cpu's results.
test('batch shapes broadcast as on cpu: [] × [1], [1, 1] × [3], [2, 1] × [2]', async () => {
  for (const [sa, sb] of [
    [
      [m, k],
      [1, k, n],
    ],
    [
      [1, 1, m, k],
      [3, k, n],
    ],
    [
      [2, 1, m, k],
      [2, k, n],
    ],
  ]) {
    const a = data(sa),
      b = data(sb);
    await assertSameOnCpu(`[${sa}] × [${sb}]`, () => tf.matMul(tensor(a), tensor(b)));
  }
});
test('batch shapes [2, 3] × [3, 2] do not broadcast: an error as on cpu', async () => {
  const a = data([2, 3, m, k]),
    b = data([3, 2, k, n]);
  await selectBackend('native');
  assert.throws(() => tf.tidy(() => tf.matMul(tensor(a), tensor(b))), /broadcast/);
});
test('a length-1 bias is added to every column as on cpu', async () => {
  const a = data([m, k]),
    b = data([k, n]),
    bias = data([1]);
  await assertSameOnCpu('bias [1]', () => tf.fused.matMul({ a: tensor(a), b: tensor(b), bias: tensor(bias) }));
});

test('Add, Sub, Multiply equal cpu on one shape, broadcast and with a scalar; int32 keeps the wasm kernel', async () => {
  const a = data([37, 11]),
    b = data([37, 11]),
    row = data([11]),
    big = [data([300, 200]), data([300, 200])];
  await assertSameOnCpu('add', () => tf.add(tensor(a), tensor(b)));
  await assertSameOnCpu('sub', () => tf.sub(tensor(a), tensor(b)));
  await assertSameOnCpu('mul', () => tf.mul(tensor(a), tensor(b)));
  await assertSameOnCpu('large (threaded) mul', () => tf.mul(tensor(big[0]), tensor(big[1])));
  await assertSameOnCpu('broadcast add', () => tf.add(tensor(a), tensor(row)));
  await assertSameOnCpu('scalar mul', () => tf.mul(tensor(a), 3));
  await assertSameOnCpu('int32 add', () => tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([4, -5, 6], 'int32')));
});

test('Exp is within 1e-6 relative of float64 exp over [-87, 88]', async () => {
  const xs = Float32Array.from({ length: 4001 }, (_, i) => -87 + (175 * i) / 4000);
  const [{ values }] = await on('native', () => tf.exp(tf.tensor1d(xs)));
  assertClose(
    values.map((v, i) => v / Math.exp(xs[i])),
    xs.map(() => 1),
    1e-6,
    'exp / exp64',
  );
});

test('Identity shares the data: a clone outlives its source and keeps its values', async () => {
  await selectBackend('native');
  const before = tf.memory().numTensors;
  const source = tf.tensor1d([1, 2, 3]);
  const copy = tf.clone(source);
  source.dispose();
  assert.equal(Array.from(copy.dataSync()), [1, 2, 3]);
  copy.dispose();
  assert.is(tf.memory().numTensors, before);
});

test('GatherV2 equals cpu (repeated ids); an out-of-range id does what plain wasm does', async () => {
  const table = data([6, 5]);
  const ids = (values: number[][]) => tf.tensor2d(values, undefined, 'int32');
  await assertSameOnCpu('gather', () =>
    tf.gather(
      tensor(table),
      ids([
        [0, 3, 3],
        [5, 0, 3],
      ]),
    ),
  );
  for (const bad of [[[1, 6]], [[-1, 2]]]) {
    const outcome = async (backend: string) => {
      await selectBackend(backend);
      const backendData = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
      const before = backendData();
      let result: string;
      try {
        result = Array.from(tf.tidy(() => tf.gather(tensor(table), ids(bad))).dataSync()).join();
      } catch (error) {
        result = `threw ${(error as Error).message}`;
      }
      return { result, leaked: backendData() - before };
    };
    assert.equal(await outcome('native'), await outcome('wasm'), `ids ${bad}`);
  }
});

/** erf in float64: erf(z) = 2/√π·e^(−z²)·Σ (2z²)ⁿ·z/(1·3···(2n+1)), all terms positive. */
function erf(z: number): number {
  if (Math.abs(z) >= 6) return Math.sign(z);
  let term = z,
    sum = z;
  for (let i = 1; Math.abs(term) > 1e-17 * Math.abs(sum); i++) sum += term *= (2 * z * z) / (2 * i + 1);
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
}
const gelu64 = (x: number, tanh: boolean) =>
  0.5 * x * (1 + (tanh ? Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)) : erf(x / Math.SQRT2)));

test('SousGelu and SousGeluGrad match the float64 formulas over [-10, 10]', async () => {
  assert.ok(
    Math.abs(erf(0.5) - 0.5204998778130465) < 1e-15 && Math.abs(erf(-2) + 0.9953222650189527) < 1e-15,
    'erf reference',
  );
  const xs = Float32Array.from([
    ...Array.from({ length: 401 }, (_, i) => -10 + i * 0.05),
    0,
    1e-4,
    -1e-4,
    5.6,
    5.7,
    -5.7,
    9.99,
    -9.99,
  ]);
  const dy = data([xs.length]).values;
  for (const tanh of [false, true]) {
    const [y, dx] = await on('native', () => [
      kernel(FUSED_KERNELS.gelu, { x: tf.tensor1d(xs) }, { tanh }) as tf.Tensor,
      kernel(FUSED_KERNELS.geluGrad, { x: tf.tensor1d(xs), dy: tf.tensor1d(dy) }, { tanh }) as tf.Tensor,
    ]);
    assertClose(
      y.values,
      Array.from(xs, (x) => gelu64(x, tanh)),
      1e-5,
      `gelu tanh=${tanh}`,
    );
    const slope = Array.from(xs, (x) => (gelu64(x + 1e-6, tanh) - gelu64(x - 1e-6, tanh)) / 2e-6);
    assertClose(
      dx.values,
      slope.map((s, i) => s * dy[i]),
      1e-5,
      `geluGrad tanh=${tanh}`,
    );
  }
});

test('SousGelu, SousGeluGrad, SousSilu, SousSiluGrad and Exp keep NaN inputs NaN inside their vectorised loops', async () => {
  const xs = data([64]).values,
    dy = data([64]).values;
  xs[3] = NaN;
  xs[40] = NaN;
  for (const tanh of [false, true]) {
    const outputs = await on('native', () => [
      kernel(FUSED_KERNELS.gelu, { x: tf.tensor1d(xs) }, { tanh }) as tf.Tensor,
      kernel(FUSED_KERNELS.geluGrad, { x: tf.tensor1d(xs), dy: tf.tensor1d(dy) }, { tanh }) as tf.Tensor,
      tf.exp(tf.tensor1d(xs)),
      kernel(FUSED_KERNELS.silu, { x: tf.tensor1d(xs) }) as tf.Tensor,
      kernel(FUSED_KERNELS.siluGrad, { x: tf.tensor1d(xs), dy: tf.tensor1d(dy) }) as tf.Tensor,
    ]);
    for (const [name, { values }] of [
      ['gelu', outputs[0]],
      ['geluGrad', outputs[1]],
      ['exp', outputs[2]],
      ['silu', outputs[3]],
      ['siluGrad', outputs[4]],
    ] as const) {
      assert.equal(
        Array.from(values, (v, i) => Number.isNaN(v) === Number.isNaN(xs[i])).indexOf(false),
        -1,
        `${name} tanh=${tanh}: NaN exactly where the input is`,
      );
    }
  }
});

const sigmoid64 = (x: number) => 1 / (1 + Math.exp(-x));
const silu64 = (x: number) => x * sigmoid64(x);
const siluSlope64 = (x: number) => sigmoid64(x) * (1 + x * (1 - sigmoid64(x)));
/** Where σ saturates, and beyond the range of float's e^x (±87.3, ±88.7). */
const saturated = [87, -87, 88.5, -88.5, 90, -90, 1e4, -1e4, 3e38, -3e38];
/** Points over [-20, 20], around 0, and saturated. */
const siluPoints = Float32Array.from([
  ...Array.from({ length: 801 }, (_, i) => -20 + i * 0.05),
  0,
  1e-4,
  -1e-4,
  1e-30,
  -1e-30,
  30,
  -30,
  60,
  -60,
  ...saturated,
]);

test('SousSilu and SousSiluGrad match float64 (and the gradient finite differences) over [-20, 20] and beyond ±88', async () => {
  // The float64 formula for the gradient is itself checked against central differences.
  assertClose(
    Array.from(siluPoints, siluSlope64),
    Array.from(siluPoints, (x) => (Math.abs(x) > 1e3 ? siluSlope64(x) : (silu64(x + 1e-6) - silu64(x - 1e-6)) / 2e-6)),
    1e-7,
    "silu' formula vs finite differences",
  );
  const dy = data([siluPoints.length]).values;
  const [y, dx] = await on('native', () => [
    kernel(FUSED_KERNELS.silu, { x: tf.tensor1d(siluPoints) }) as tf.Tensor,
    kernel(FUSED_KERNELS.siluGrad, { x: tf.tensor1d(siluPoints), dy: tf.tensor1d(dy) }) as tf.Tensor,
  ]);
  assertClose(y.values, Array.from(siluPoints, silu64), 1e-6, 'silu');
  assertClose(
    dx.values,
    Array.from(siluPoints, (x, i) => siluSlope64(x) * dy[i]),
    1e-6,
    'siluGrad',
  );
  // Saturation is exact at the top, and below σ's float range both go to (signed) zero, never NaN.
  const at = (value: number) => siluPoints.indexOf(Math.fround(value));
  assert.equal([y.values[at(90)], dx.values[at(90)] / dy[at(90)]], [90, 1]);
  assert.equal([y.values[at(3e38)], dx.values[at(3e38)] / dy[at(3e38)]], [Math.fround(3e38), 1]);
  for (const x of [-90, -1e4, -3e38])
    assert.ok(Math.abs(y.values[at(x)]) < 1e-30 && Math.abs(dx.values[at(x)]) < 1e-30, `x = ${x}`);
});

test("Sigmoid on native is wasm's bit for bit: softplus's gradient uses it, so a native one changed the DPO and NPO examples", async () => {
  const xs = Float32Array.from([...Array.from({ length: 3401 }, (_, i) => -85 + i * 0.05), ...saturated]);
  const [onWasm] = await on('wasm', () => tf.sigmoid(tf.tensor1d(xs)));
  const [onNative] = await on('native', () => tf.sigmoid(tf.tensor1d(xs)));
  assert.equal(Array.from(onNative.values), Array.from(onWasm.values));
});

test("Sin and Cos on native are wasm's bit for bit (the diffusion MLP's noise-level features keep their numbers)", async () => {
  // Random bit patterns (every exponent), the model's range, the floats next to multiples of π/4
  // (where wasm's reduction folds; every one to 3200, every 256th to 8e5), and special values.
  const draw = rng.fork('sin-cos');
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  const fromBits = (b: number) => {
    bits[0] = b;
    return asFloat[0];
  };
  const xs: number[] = Array.from({ length: 200_000 }, () => fromBits(draw.nextUint32()));
  for (let i = 0; i < 100_000; i++) xs.push(draw.uniform() * 128 - 64);
  for (let k = -4096; k <= 4096; k++)
    for (const scale of [1, 256]) {
      bits[0] = 0;
      asFloat[0] = (k * scale * Math.PI) / 4;
      const center = bits[0];
      for (let d = -3; d <= 3; d++) xs.push(fromBits(center + d));
    }
  xs.push(0, -0, 1e-45, -1e-45, 1.1754942e-38, -1e-40, 2 ** -12, 1e-8, 1e5, -1e5, 1e30, -1e30);
  xs.push(3.4028234663852886e38, -3.4028234663852886e38, Infinity, -Infinity, NaN);
  const input = Float32Array.from(xs);
  for (const op of ['sin', 'cos'] as const) {
    const [onWasm] = await on('wasm', () => tf[op](tf.tensor1d(input)));
    const [onNative] = await on('native', () => tf[op](tf.tensor1d(input)));
    // Object.is tells ±0 apart; NaN payloads may differ.
    const wrong = input.findIndex((_, i) => !Object.is(onNative.values[i], onWasm.values[i]));
    if (wrong >= 0)
      assert.unreachable(`${op}(${input[wrong]}): ${onNative.values[wrong]}, wasm ${onWasm.values[wrong]}`);
  }
});

test("the kit's silu: the same values and gradients on cpu, wasm and native (fused there), as float64", async () => {
  const x = data([37, 29], 4),
    r = data([37, 29]);
  x.values.set([90, -90, 0, 30, -30, 88.5, -88.5]);
  const run = async (backend: string) => {
    await selectBackend(backend);
    const fused = fusedKernelAvailable(FUSED_KERNELS.silu);
    const [y, dx] = await on(backend, () => {
      const input = tensor(x);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(silu(v), tensor(r))));
      return [silu(input), g(input)];
    });
    return { fused, y, dx };
  };
  const expected = {
    y: Array.from(x.values, silu64),
    dx: Array.from(x.values, (v, i) => siluSlope64(v) * r.values[i]),
  };
  for (const backend of ['cpu', 'wasm', 'native']) {
    const { fused, y, dx } = await run(backend);
    assert.is(fused, backend === 'native', `${backend}: fused kernel available`);
    assert.equal([y.shape, dx.shape], [x.shape, x.shape]);
    assertClose(y.values, expected.y, 1e-6, `${backend} silu`);
    assertClose(dx.values, expected.dx, 2e-6, `${backend} silu gradient`);
  }
  // int32 input: not the (float32) fused kernel, but tf.sigmoid's error as on every backend.
  for (const backend of ['cpu', 'native']) {
    await selectBackend(backend);
    assert.throws(() => tf.tidy(() => silu(tf.tensor1d([-2, 0, 3], 'int32'))), /must be float32/, backend);
  }
});

/** A dense SiLU layer's [y, dx, dw, db] for the loss sum(y·r), from `layer` (fused or not). */
const denseLayer = (layer: typeof linearSilu, x: Data, w: Data, b: Data, r: Data) => (): tf.Tensor[] => {
  const { value, grads } = tf.valueAndGrads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
    tf.sum(tf.mul(layer(xs as tf.Tensor2D, ws as tf.Tensor2D, bs as tf.Tensor1D), tensor(r))),
  )([tensor(x), tensor(w), tensor(b)]);
  value.dispose();
  return [layer(tensor(x) as tf.Tensor2D, tensor(w) as tf.Tensor2D, tensor(b) as tf.Tensor1D), ...grads];
};
const unfusedLinearSilu = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => silu(linear(x, w, b));

test('SousLinearSilu and its gradient match float64 silu(x @ w + b) and its gradients', async () => {
  const [rows, inWidth, outWidth] = [6, 5, 4];
  const x = data([rows, inWidth], 2),
    w = data([inWidth, outWidth]),
    b = data([outWidth]),
    r = data([rows, outWidth]);
  const [y, dx, dw, db] = await on('native', denseLayer(linearSilu, x, w, b, r));
  const pre = Float64Array.from({ length: rows * outWidth }, (_, i) => {
    const [row, column] = [Math.floor(i / outWidth), i % outWidth];
    let sum = b.values[column];
    for (let j = 0; j < inWidth; j++) sum += x.values[row * inWidth + j] * w.values[j * outWidth + column];
    return sum;
  });
  const dpre = pre.map((v, i) => siluSlope64(v) * r.values[i]);
  const product = (m: number, n: number, k: number, at: (i: number, j: number, l: number) => number) =>
    Float64Array.from({ length: m * n }, (_, i) => {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += at(Math.floor(i / n), i % n, l);
      return sum;
    });
  assertClose(y.values, Array.from(pre, silu64), 1e-5, 'y');
  assertClose(
    dx.values,
    product(rows, inWidth, outWidth, (i, j, l) => dpre[i * outWidth + l] * w.values[j * outWidth + l]),
    1e-5,
    'dx',
  );
  assertClose(
    dw.values,
    product(inWidth, outWidth, rows, (i, j, l) => x.values[l * inWidth + i] * dpre[l * outWidth + j]),
    1e-5,
    'dw',
  );
  assertClose(
    db.values,
    product(1, outWidth, rows, (_, j, l) => dpre[l * outWidth + j]),
    1e-5,
    'db',
  );
});

/** `fused` and `unfused` give the same y, dx, dw and db on native, bit for bit, at each
 * [rows, in, out]. */
async function assertSameDenseLayers(
  fused: typeof linearSilu,
  unfused: typeof linearSilu,
  sizes: number[][],
): Promise<void> {
  for (const [rows, inWidth, outWidth] of sizes) {
    const x = data([rows, inWidth], 2),
      w = data([inWidth, outWidth], 0.3),
      b = data([outWidth]),
      r = data([rows, outWidth]);
    const ours = await on('native', denseLayer(fused, x, w, b, r));
    const theirs = await on('native', denseLayer(unfused, x, w, b, r));
    ['y', 'dx', 'dw', 'db'].forEach((what, i) =>
      assert.equal(
        Array.from(ours[i].values),
        Array.from(theirs[i].values),
        `${what}, ${rows} × ${inWidth} → ${outWidth}`,
      ),
    );
  }
}

test('SousLinearSilu and its gradient equal silu(linear(…)) on native bit for bit (the diffusion examples keep their numbers)', async () => {
  // The diffusion MLP's layers (threaded products: 256 × 19 → 128 and 256 × 128 → 128), an odd
  // size and one below the threading threshold.
  await assertSameDenseLayers(linearSilu, unfusedLinearSilu, [
    [256, 19, 128],
    [256, 128, 128],
    [300, 33, 65],
    [7, 5, 3],
  ]);
  // The fused path is the one measured: its kernels run, the unfused ones do not.
  const x = data([4, 3]),
    w = data([3, 2]),
    b = data([2]),
    r = data([4, 2]);
  await selectBackend('native');
  const { kernelNames } = await tf.profile(() => tf.dispose(denseLayer(linearSilu, x, w, b, r)()));
  assert.ok(kernelNames.includes(FUSED_KERNELS.linearSilu), kernelNames.join(' '));
  assert.ok(kernelNames.includes(FUSED_KERNELS.linearSiluGrad), kernelNames.join(' '));
  assert.not.ok(kernelNames.includes(FUSED_KERNELS.silu), kernelNames.join(' '));
});

/** The kit's unfused linear as it ran on native before SousLinear: tfjs's fused product with the
 * bias, then dy @ wᵀ, xᵀ @ dy and 1ᵀ @ dy (core's matMulGradients and sumRows on a BLAS backend). */
const unfusedLinear = customGradient<tf.Tensor2D, [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D]>((x, w, b, save) => {
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, [sx, sw]: tf.Tensor[]) => [
      tf.matMul(dy, sw, false, true),
      tf.matMul(sx, dy, true, false),
      tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]),
    ],
  };
});

/** Float32 values of a native product op(a) @ op(b). */
async function nativeProduct(a: Data, b: Data, transposeA = false): Promise<Float64Array> {
  const [{ values }] = await on('native', () => tf.matMul(tensor(a), tensor(b), transposeA));
  return values;
}
/** The same data stacked twice along a new first axis. */
const twice = (d: Data): Data => {
  const values = new Float32Array(2 * d.values.length);
  values.set(d.values);
  values.set(d.values, d.values.length);
  return { shape: [2, ...d.shape], values };
};

test("one-row products and wide products cut by columns are OpenBLAS's own bits (every model keeps its numbers)", async () => {
  const blas = nativeBackendInfo();
  // The blockings gemm.c knows (OpenBLAS 0.3.21's GEMM_Q and GEMM_UNROLL_M, its small-matrix limit,
  // and whether a product's blocks keep their bits however it is cut); null elsewhere.
  const blocking = !blas?.blas.startsWith('OpenBLAS 0.3.21 ')
    ? null
    : blas.core === 'SkylakeX'
      ? { chunk: 448, unroll: 16, smallProducts: 1e6, cutFree: true }
      : blas.core === 'Zen'
        ? { chunk: 320, unroll: 8, smallProducts: 0, cutFree: false }
        : null;
  // 1ᵀ @ dy, a dense layer's bias gradient, computed by gemm.c's one_row_product where OpenBLAS
  // would take its blocked path. Two equal rows go to cblas_sgemm as before (one row per thread),
  // so each row is OpenBLAS's. Sizes: grpo-tiny's MLP and q|k|v layers, grpo-small's MLP, one with k
  // between one and two chunks (the halved last chunks), an odd width, and one at 100³ or below
  // (cblas_sgemm both ways on SkylakeX).
  for (const [k, n] of [
    [6016, 512],
    [6016, 384],
    [6080, 1024],
    [900, 1200],
    [2000, 777],
    [1953, 512],
  ]) {
    const ones: Data = { shape: [1, k], values: new Float32Array(k).fill(1) };
    const a = data([1, k]),
      b = data([k, n], 3);
    const stacked = (row: Data): Data => ({ ...twice(row), shape: [2, k] });
    for (const [what, row] of [
      ['ones', ones],
      ['normal', a],
    ] as const) {
      const single = await nativeProduct(row, b),
        pair = await nativeProduct(stacked(row), b);
      assert.equal(Array.from(single), Array.from(pair.subarray(0, n)), `${what} @ [${k}, ${n}]: row 0`);
      assert.equal(Array.from(single), Array.from(pair.subarray(n)), `${what} @ [${k}, ${n}]: row 1`);
    }
    if (blocking && k * n > blocking.smallProducts) {
      // The order written out: chunks of `chunk` rows (the last two halved, rounded up to
      // `unroll`, when fewer than two chunks remain), each summed from zero, then added to the total.
      const { chunk: full, unroll } = blocking;
      const expected = new Float32Array(n);
      for (let start = 0, rows = 0; start < k; start += rows) {
        rows = k - start;
        if (rows >= 2 * full) rows = full;
        else if (rows > full) rows = Math.ceil(Math.floor(rows / 2) / unroll) * unroll;
        const chunk = new Float32Array(n);
        for (let r = start; r < start + rows; r++)
          for (let j = 0; j < n; j++) chunk[j] = Math.fround(chunk[j] + b.values[r * n + j]);
        for (let j = 0; j < n; j++) expected[j] = Math.fround(expected[j] + chunk[j]);
      }
      assert.equal(Array.from(await nativeProduct(ones, b)), Array.from(expected), `1ᵀ @ [${k}, ${n}]: the order`);
    }
  }
  // xᵀ @ dy, a dense layer's weight gradient, wider than tall: cut by columns over the threads
  // where every block takes the blocked path. A batch of two runs each product whole on one thread.
  // Only where blocks keep their bits however a product is cut: elsewhere (Zen) the product keeps
  // its row blocks, which round some elements differently from the whole.
  if (!blocking?.cutFree) return;
  for (const [k, m, n] of [
    [6016, 128, 512],
    [6080, 256, 768],
    [777, 64, 401],
    [3001, 100, 103],
    [40, 8, 30],
  ]) {
    const x = data([k, m]),
      dy = data([k, n]);
    const whole = await nativeProduct(x, dy, true),
      batch = await nativeProduct(twice(x), twice(dy), true);
    assert.equal(Array.from(whole), Array.from(batch.subarray(0, m * n)), `[${k}, ${m}]ᵀ @ [${k}, ${n}]`);
  }
});

test('SousLinear and its gradient equal the unfused ops on native bit for bit (every model keeps its numbers)', async () => {
  // The diffusion MLP's output layer, GPT-sized layers (threaded products), an odd size and a tiny one.
  await assertSameDenseLayers(linear, unfusedLinear, [
    [256, 128, 2],
    [384, 128, 512],
    [300, 33, 65],
    [7, 5, 3],
  ]);
  await selectBackend('native');
  const x = data([4, 3]),
    w = data([3, 2]),
    b = data([2]),
    r = data([4, 2]);
  const { kernelNames } = await tf.profile(() => tf.dispose(denseLayer(linear, x, w, b, r)()));
  assert.ok(kernelNames.includes(FUSED_KERNELS.linear), kernelNames.join(' '));
  assert.ok(kernelNames.includes(FUSED_KERNELS.linearGrad), kernelNames.join(' '));
  assert.not.ok(kernelNames.includes('BatchMatMul'), kernelNames.join(' '));
});

test("the kit's linearSilu: the same values and gradients on cpu, wasm and native; wrong shapes get tfjs's error", async () => {
  const x = data([9, 6], 2),
    w = data([6, 5]),
    b = data([5]),
    r = data([9, 5]);
  const expected = await on('cpu', denseLayer(unfusedLinearSilu, x, w, b, r));
  for (const backend of ['cpu', 'wasm', 'native']) {
    const actual = await on(backend, denseLayer(linearSilu, x, w, b, r));
    expected.forEach((e, i) => {
      assert.equal(actual[i].shape, e.shape, `${backend} output ${i}: shape`);
      assertClose(actual[i].values, e.values, 1e-5, `${backend} output ${i}`);
    });
  }
  await selectBackend('native');
  assert.throws(
    () =>
      tf.tidy(() =>
        linearSilu(tensor(x) as tf.Tensor2D, tensor(data([5, 5])) as tf.Tensor2D, tensor(b) as tf.Tensor1D),
      ),
    /inner shapes \(6\) and \(5\)/,
  );
});

test('SousLayerNorm matches float64; SousLayerNormGrad matches finite differences of sum(y·r)', async () => {
  const [rows, width, eps] = [6, 10, 1e-5];
  const x = data([rows, width], 2, 3),
    w = data([width], 0.5, 1),
    b = data([width]),
    r = data([rows, width]);
  const reference = (xs: ArrayLike<number>, ws: ArrayLike<number>, bs: ArrayLike<number>) => {
    const y = new Float64Array(rows * width),
      xHat = new Float64Array(rows * width),
      inverseStd = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const row = Array.from({ length: width }, (_, j) => xs[i * width + j]);
      const mean = row.reduce((s, v) => s + v, 0) / width;
      inverseStd[i] = 1 / Math.sqrt(row.reduce((s, v) => s + (v - mean) ** 2, 0) / width + eps);
      row.forEach((v, j) => {
        xHat[i * width + j] = (v - mean) * inverseStd[i];
        y[i * width + j] = xHat[i * width + j] * ws[j] + bs[j];
      });
    }
    return { y, xHat, inverseStd };
  };
  const [y, xHat, inverseStd, dx, dw, db] = await on('native', () => {
    const outs = kernel(
      FUSED_KERNELS.layerNorm,
      { x: tensor(x), weight: tensor(w), bias: tensor(b) },
      { eps },
    ) as tf.Tensor[];
    const grads = kernel(FUSED_KERNELS.layerNormGrad, {
      dy: tensor(r),
      xHat: outs[1],
      inverseStd: outs[2],
      weight: tensor(w),
    }) as tf.Tensor[];
    return [...outs, ...grads];
  });
  const expected = reference(x.values, w.values, b.values);
  assert.equal(
    [y.shape, xHat.shape, inverseStd.shape, dx.shape, dw.shape, db.shape],
    [[rows, width], [rows, width], [rows, 1], [rows, width], [width], [width]],
  );
  assertClose(y.values, expected.y, 1e-5, 'y');
  assertClose(xHat.values, expected.xHat, 1e-5, 'xHat');
  assertClose(inverseStd.values, expected.inverseStd, 1e-5, '1/σ');
  const [x64, w64, b64] = [x, w, b].map((d) => Float64Array.from(d.values));
  const loss = () => dot(reference(x64, w64, b64).y, r.values);
  assertClose(dx.values, finiteDifferences(loss, x64), 1e-5, 'dx');
  assertClose(dw.values, finiteDifferences(loss, w64), 1e-5, 'dweight');
  assertClose(db.values, finiteDifferences(loss, b64), 1e-5, 'dbias');
});

test("SousLayerNorm's rows are each one thread's: a decoding step's 128 × 128 (threaded) equals its rows one at a time, bit for bit", async () => {
  const [rows, width] = [128, 128];
  const x = data([rows, width], 2, 3),
    w = data([width], 0.5, 1),
    b = data([width]);
  const normed = (input: Data) =>
    on(
      'native',
      () =>
        kernel(
          FUSED_KERNELS.layerNorm,
          { x: tensor(input), weight: tensor(w), bias: tensor(b) },
          { eps: 1e-5 },
        ) as tf.Tensor[],
    );
  const whole = await normed(x);
  for (let r = 0; r < rows; r++) {
    const row = await normed({ shape: [1, width], values: x.values.slice(r * width, (r + 1) * width) });
    for (const [i, what] of ['y', 'xHat', '1/σ'].entries()) {
      const per = i === 2 ? 1 : width;
      assert.equal(
        Array.from(row[i].values),
        Array.from(whole[i].values.slice(r * per, (r + 1) * per)),
        `${what} of row ${r}`,
      );
    }
  }
});

/** The fused token log-prob kernels: [picked, logSum, dlogits] for logits `x`, targets `ids`, upstream `dy`. */
const fusedTokenLogProb = (x: Data, ids: Int32Array, dy: Data): tf.Tensor[] => {
  const [picked, logSum] = kernel(FUSED_KERNELS.tokenLogProb, {
    logits: tensor(x),
    targets: tf.tensor1d(ids, 'int32'),
  }) as tf.Tensor[];
  const grad = kernel(FUSED_KERNELS.tokenLogProbGrad, {
    dy: tensor(dy),
    logits: tensor(x),
    targets: tf.tensor1d(ids, 'int32'),
    logSum,
  }) as tf.Tensor;
  return [picked, logSum, grad];
};
/** The same from tfjs's ops (objectives' unfused form): [picked, dlogits]. */
const unfusedTokenLogProb = (x: Data, ids: Int32Array, dy: Data): tf.Tensor[] => {
  const oneHot = tf.oneHot(tf.tensor1d(ids, 'int32'), x.shape[1]);
  const pick = (logits: tf.Tensor) => tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1);
  return [pick(tensor(x)), tf.grad((logits: tf.Tensor) => tf.sum(tf.mul(pick(logits), tensor(dy))))(tensor(x))];
};

test('SousTokenLogProb matches the float64 log-softmax at the targets; SousTokenLogProbGrad matches finite differences', async () => {
  // 40 rows (the last two with ids outside the vocab: 0 and no gradient, as the one-hot form
  // gives), vocab 300, logits around 30 with a spread of 4, so that the shift by the row's
  // maximum matters; and one 80 000-row batch that takes the threaded loops.
  const [rows, vocab] = [40, 300];
  const x = data([rows, vocab], 4, 30),
    r = data([rows]);
  const ids = Int32Array.from({ length: rows }, (_, i) =>
    i === rows - 2 ? -1 : i === rows - 1 ? vocab : rng.int(vocab),
  );
  ids[0] = 0;
  ids[1] = vocab - 1;
  const reference = (xs: ArrayLike<number>) =>
    Float64Array.from({ length: rows }, (_, i) => {
      const t = ids[i];
      if (t < 0 || t >= vocab) return 0;
      let max = -Infinity,
        sum = 0;
      for (let v = 0; v < vocab; v++) max = Math.max(max, xs[i * vocab + v]);
      for (let v = 0; v < vocab; v++) sum += Math.exp(xs[i * vocab + v] - max);
      return xs[i * vocab + t] - max - Math.log(sum);
    });
  const [picked, logSum, dx] = await on('native', () => fusedTokenLogProb(x, ids, r));
  assert.equal([picked.shape, logSum.shape, dx.shape], [[rows], [rows], [rows, vocab]]);
  assertClose(picked.values, reference(x.values), 1e-5, 'picked');
  assert.equal(Array.from(picked.values.slice(rows - 2)), [0, 0], 'ids outside the vocab pick 0');
  const x64 = Float64Array.from(x.values);
  const expected = finiteDifferences(() => dot(reference(x64), r.values), x64, 1e-5);
  assertClose(dx.values, expected, 1e-5, 'dlogits');
  assert.ok(
    dx.values.slice((rows - 2) * vocab).every((v) => v === 0),
    'no gradient for ids outside the vocab',
  );
  // Threaded: the same numbers as the unfused ops on cpu (float32 both).
  const big = data([80_000, 8], 3),
    bigIds = Int32Array.from({ length: 80_000 }, () => rng.int(8)),
    bigDy = data([80_000]);
  const unfused = await on('cpu', () => unfusedTokenLogProb(big, bigIds, bigDy));
  const [fusedPicked, , fusedGrad] = await on('native', () => fusedTokenLogProb(big, bigIds, bigDy));
  assertClose(fusedPicked.values, unfused[0].values, 1e-5, 'threaded picked');
  assertClose(fusedGrad.values, unfused[1].values, 1e-5, 'threaded dlogits');
});

test('SousTokenLogProb and its gradient equal the unfused log-softmax on native bit for bit (examples keep their numbers)', async () => {
  // One row-per-thread batch (threaded loops) and one wide batch with a large spread.
  for (const [rows, vocab, spread] of [
    [80_000, 8, 3],
    [300, 300, 20],
  ]) {
    const x = data([rows, vocab], spread),
      dy = data([rows]);
    const ids = Int32Array.from({ length: rows }, () => rng.int(vocab));
    const [unfusedPicked, unfusedGrad] = await on('native', () => unfusedTokenLogProb(x, ids, dy));
    const [picked, , grad] = await on('native', () => fusedTokenLogProb(x, ids, dy));
    assert.equal(Array.from(picked.values), Array.from(unfusedPicked.values), `picked, ${rows} × ${vocab}`);
    assert.equal(Array.from(grad.values), Array.from(unfusedGrad.values), `dlogits, ${rows} × ${vocab}`);
  }
});

test('SousTokenLogProb keeps a NaN logit NaN in its row and only there', async () => {
  const x = data([3, 20]);
  x.values[25] = NaN;
  const [picked] = await on('native', () => [
    (
      kernel(FUSED_KERNELS.tokenLogProb, { logits: tensor(x), targets: tf.tensor1d([2, 3, 4], 'int32') }) as tf.Tensor[]
    )[0],
  ]);
  assert.equal(Array.from(picked.values, Number.isNaN), [false, true, false]);
});

const [B, T, H, D] = [2, 5, 2, 8];
/** Causal attention in float64 over `time` new positions (default T), laid out as SousAttention's outputs. */
function attention64(
  qkv: ArrayLike<number>,
  past: number,
  pastKeys?: ArrayLike<number>,
  pastValues?: ArrayLike<number>,
  time = T,
) {
  const T = time;
  const L = past + T,
    dh = D / H;
  const keys = new Float64Array(B * L * D),
    values = new Float64Array(B * L * D);
  const out = new Float64Array(B * T * D),
    probs = new Float64Array(B * H * T * L);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < L; j++) {
      for (let c = 0; c < D; c++) {
        const at = (b * L + j) * D + c,
          row = (b * T + j - past) * 3 * D;
        keys[at] = j < past ? pastKeys![(b * past + j) * D + c] : qkv[row + D + c];
        values[at] = j < past ? pastValues![(b * past + j) * D + c] : qkv[row + 2 * D + c];
      }
    }
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < T; i++) {
        const p = probs.subarray(((b * H + h) * T + i) * L, ((b * H + h) * T + i + 1) * L);
        for (let j = 0; j <= past + i; j++) {
          for (let c = 0; c < dh; c++)
            p[j] += (qkv[(b * T + i) * 3 * D + h * dh + c] * keys[(b * L + j) * D + h * dh + c]) / Math.sqrt(dh);
        }
        const max = Math.max(...p.subarray(0, past + i + 1));
        for (let j = 0; j <= past + i; j++) p[j] = Math.exp(p[j] - max);
        const sum = p.reduce((s, v) => s + v, 0);
        for (let j = 0; j <= past + i; j++) {
          p[j] /= sum;
          for (let c = 0; c < dh; c++) out[(b * T + i) * D + h * dh + c] += p[j] * values[(b * L + j) * D + h * dh + c];
        }
      }
    }
  }
  return { out, keys, values, probs };
}

/** A KV cache buffer [B, capacity, D]: per sequence the `past` rows of `rows` ([B, past, D]), then `fill`. */
function cacheBuffer(rows: Data, past: number, capacity: number, fill: number): Data {
  const values = new Float32Array(B * capacity * D).fill(fill);
  for (let b = 0; b < B; b++) values.set(rows.values.subarray(b * past * D, (b + 1) * past * D), b * capacity * D);
  return { shape: [B, capacity, D], values };
}

// Heads of 1 and 5 queries (decoding, short prompts) take the kernels' loops, 9 their BLAS products.
test('SousAttention matches float64 causal attention for 1, 5 and 9 positions', async () => {
  for (const time of [1, 5, 9]) {
    const qkv = data([B * time, 3 * D]);
    const outputs = await on(
      'native',
      () => kernel(FUSED_KERNELS.attention, { qkv: tensor(qkv) }, { batch: B, time, heads: H }) as tf.Tensor[],
    );
    const expected = attention64(qkv.values, 0, undefined, undefined, time);
    assert.equal(
      outputs.map((o) => o.shape),
      [
        [B * time, D],
        [B * H, time, time],
      ],
    );
    (['out', 'probs'] as const).forEach((name, i) =>
      assertClose(outputs[i].values, expected[name], 1e-5, `${name} (time ${time})`),
    );
  }
});

test('SousAttentionDecode writes the new keys/values in place after 0 or 3 past ones and attends over past + new only', async () => {
  const capacity = 14; // more than 3 + 9: rows past the new ones hold NaN, which must stay unread
  for (const time of [1, 5, 9]) {
    const qkv = data([B * time, 3 * D]),
      pastKeys = data([B, 3, D]),
      pastValues = data([B, 3, D]);
    for (const past of [0, 3]) {
      const [out, keys, values] = await on('native', () => {
        const keys = tensor(cacheBuffer(pastKeys, past, capacity, NaN)),
          values = tensor(cacheBuffer(pastValues, past, capacity, NaN));
        const result = kernel(
          FUSED_KERNELS.attentionDecode,
          { qkv: tensor(qkv), keys, values },
          { batch: B, time, heads: H, past },
        );
        assert.ok(!Array.isArray(result), 'one output');
        return [result as tf.Tensor, keys, values];
      });
      const expected = attention64(qkv.values, past, pastKeys.values, pastValues.values, time);
      const what = `(time ${time}, past ${past})`;
      assert.equal(out.shape, [B * time, D]);
      assertClose(out.values, expected.out, 1e-5, `out ${what}`);
      const length = past + time;
      for (const [name, buffer] of [
        ['keys', keys],
        ['values', values],
      ] as const) {
        assert.equal(buffer.shape, [B, capacity, D]);
        for (let b = 0; b < B; b++) {
          const row = b * capacity * D;
          assertClose(
            buffer.values.subarray(row, row + length * D),
            expected[name].subarray(b * length * D, (b + 1) * length * D),
            0,
            `${name} of sequence ${b} ${what}`,
          );
          assert.ok(
            buffer.values.subarray(row + length * D, row + capacity * D).every(Number.isNaN),
            `${name} of sequence ${b} ${what}: rows after the new ones untouched`,
          );
        }
      }
    }
  }
});

// Heads whose width is a multiple of 8 take the decoding loops' vectorised paths (eight scores at a
// time, 64 output columns summed in registers); these widths reach every edge of them: a head of
// 24 with a 64-column block ending inside one and the rest spanning two, heads of 64 (whole blocks), 8 heads of 16, and
// visible rows × heads not a multiple of 8. Bit for bit they keep the loops' order (compared with
// the previous code in C over 15 shapes; the main job's records are unchanged); here, the values.
test('SousAttentionDecode with heads of 16, 24 and 64 matches float64 (the vectorised decoding loops)', async () => {
  for (const [heads, width, past] of [
    [4, 96, 13],
    [2, 128, 6],
    [8, 128, 4],
  ]) {
    const batch = 3,
      dh = width / heads,
      length = past + 1;
    const qkv = data([batch, 3 * width]),
      pastKeys = data([batch, past, width]),
      pastValues = data([batch, past, width]);
    const cache = (rows: Data) => {
      const values = new Float32Array(batch * length * width);
      for (let b = 0; b < batch; b++)
        values.set(rows.values.subarray(b * past * width, (b + 1) * past * width), b * length * width);
      return tf.tensor(values, [batch, length, width], 'float32');
    };
    const decode = () =>
      on(
        'native',
        () =>
          kernel(
            FUSED_KERNELS.attentionDecode,
            { qkv: tensor(qkv), keys: cache(pastKeys), values: cache(pastValues) },
            { batch, time: 1, heads, past },
          ) as tf.Tensor,
      );
    const [out] = await decode();
    const expected = new Float64Array(batch * width);
    for (let b = 0; b < batch; b++) {
      const row = (source: Data, offset: number, j: number, c: number) =>
        j < past ? source.values[(b * past + j) * width + c] : qkv.values[b * 3 * width + offset + c];
      for (let h = 0; h < heads; h++) {
        const scores = Array.from({ length }, (_, j) => {
          let sum = 0;
          for (let c = h * dh; c < (h + 1) * dh; c++) sum += qkv.values[b * 3 * width + c] * row(pastKeys, width, j, c);
          return sum / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const weights = scores.map((s) => Math.exp(s - max));
        const total = weights.reduce((a, w) => a + w, 0);
        for (let c = h * dh; c < (h + 1) * dh; c++)
          expected[b * width + c] = weights.reduce((a, w, j) => a + (w / total) * row(pastValues, 2 * width, j, c), 0);
      }
    }
    assertClose(out.values, expected, 1e-5, `${heads} heads of ${dh}, ${past} past`);
    // A NaN key (sequence 0, position 0, head 0) reaches that head's outputs and nothing else.
    pastKeys.values[0] = NaN;
    const [withNaN] = await decode();
    assert.ok(withNaN.values.slice(0, dh).every(Number.isNaN), `${heads} heads of ${dh}: head 0 is NaN`);
    assert.ok(withNaN.values.slice(dh).every(Number.isFinite), `${heads} heads of ${dh}: the rest is finite`);
  }
});

test('SousAttentionDecode: a NaN key reaches the outputs of every query that sees it (on both paths)', async () => {
  const past = 3;
  for (const time of [1, 9]) {
    const qkv = data([B * time, 3 * D]),
      pastKeys = data([B, past, D]),
      pastValues = data([B, past, D]);
    pastKeys.values[0] = NaN; // sequence 0, position 0, head 0: seen by every query of that head
    const [out] = await on(
      'native',
      () =>
        kernel(
          FUSED_KERNELS.attentionDecode,
          {
            qkv: tensor(qkv),
            keys: tensor(cacheBuffer(pastKeys, past, past + time, 0)),
            values: tensor(cacheBuffer(pastValues, past, past + time, 0)),
          },
          { batch: B, time, heads: H, past },
        ) as tf.Tensor,
    );
    const dh = D / H;
    for (let i = 0; i < time; i++) {
      assert.ok(out.values.slice(i * D, i * D + dh).every(Number.isNaN), `time ${time}: query ${i}, head 0 is NaN`);
      assert.ok(
        out.values.slice(i * D + dh, (i + 1) * D).every(Number.isFinite),
        `time ${time}: query ${i}, head 1 is finite`,
      );
    }
    assert.ok(out.values.slice(time * D).every(Number.isFinite), `time ${time}: sequence 1 is finite`);
  }
});

/** One block of a decoding step by the separate kernels the GPT's sublayers run (block.ts). */
function sublayerKernels(
  h: tf.Tensor,
  w: Record<string, tf.Tensor>,
  keys: tf.Tensor,
  values: tf.Tensor,
  attrs: { batch: number; time: number; heads: number; past: number; eps: number; tanh: boolean },
): tf.Tensor {
  const normed = (x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) =>
    (kernel(FUSED_KERNELS.layerNorm, { x, weight, bias }, { eps: attrs.eps }) as tf.Tensor[])[0];
  const dense = (x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor) =>
    kernel(FUSED_KERNELS.linear, { x, weight, bias }) as tf.Tensor;
  const qkv = dense(normed(h, w.ln1Weight, w.ln1Bias), w.attnWeight, w.attnBias);
  const attended = kernel(FUSED_KERNELS.attentionDecode, { qkv, keys, values }, attrs) as tf.Tensor;
  const h1 = tf.add(h, dense(attended, w.attnProjWeight, w.attnProjBias));
  const hidden = dense(normed(h1, w.ln2Weight, w.ln2Bias), w.fcWeight, w.fcBias);
  const activated = kernel(FUSED_KERNELS.gelu, { x: hidden }, { tanh: attrs.tanh }) as tf.Tensor;
  return tf.add(h1, dense(activated, w.fcProjWeight, w.fcProjBias));
}

const blockWeightShapes: Record<string, number[]> = {
  ln1Weight: [D],
  ln1Bias: [D],
  attnWeight: [D, 3 * D],
  attnBias: [3 * D],
  attnProjWeight: [D, D],
  attnProjBias: [D],
  ln2Weight: [D],
  ln2Bias: [D],
  fcWeight: [D, 4 * D],
  fcBias: [4 * D],
  fcProjWeight: [4 * D, D],
  fcProjBias: [D],
};

test('SousBlockDecode equals the sublayer kernels bit for bit (output and the keys/values written in place)', async () => {
  const weights = Object.entries(blockWeightShapes).map(([name, shape]) => [name, data(shape, 0.5)] as const);
  const capacity = 14;
  for (const time of [1, 5, 9])
    for (const past of [0, 3])
      for (const tanh of [true, false]) {
        const h = data([B * time, D]),
          pastKeys = data([B, 3, D]),
          pastValues = data([B, 3, D]);
        const attrs = { batch: B, time, heads: H, past, eps: 1e-5, tanh };
        const run = (fused: boolean) =>
          on('native', () => {
            const w = Object.fromEntries(weights.map(([name, d]) => [name, tensor(d)]));
            const keys = tensor(cacheBuffer(pastKeys, past, capacity, 0)),
              values = tensor(cacheBuffer(pastValues, past, capacity, 0));
            const out = fused
              ? (kernel(FUSED_KERNELS.blockDecode, { h: tensor(h), ...w, keys, values }, attrs) as tf.Tensor)
              : sublayerKernels(tensor(h), w, keys, values, attrs);
            return [out, keys, values];
          });
        const [expected, actual] = [await run(false), await run(true)];
        const what = `time ${time}, past ${past}, ${tanh ? 'tanh' : 'exact'} GELU`;
        assert.equal(actual[0].shape, [B * time, D]);
        ['out', 'keys', 'values'].forEach((name, i) =>
          assertClose(actual[i].values, expected[i].values, 0, `${name} (${what})`),
        );
      }
});

test('SousBlockDecode refuses weights that do not fit h and the cache (it reads them in place)', async () => {
  await selectBackend('native');
  const w = Object.fromEntries(Object.entries(blockWeightShapes).map(([name, shape]) => [name, tf.zeros(shape)]));
  const cache = () => tf.zeros([B, 4, D]);
  const attrs = { batch: B, time: 1, heads: H, past: 0, eps: 1e-5, tanh: true };
  assert.throws(
    () =>
      kernel(
        FUSED_KERNELS.blockDecode,
        { h: tf.zeros([B, D]), ...w, fcProjWeight: tf.zeros([D, D]), keys: cache(), values: cache() },
        attrs,
      ),
    /do not fit/,
  );
  assert.throws(
    () => kernel(FUSED_KERNELS.blockDecode, { h: tf.zeros([B + 1, D]), ...w, keys: cache(), values: cache() }, attrs),
    /do not fit/,
  );
  tf.disposeVariables();
});

test('SousAttentionGrad matches finite differences of sum(out·r) with respect to qkv', async () => {
  const qkv = data([B * T, 3 * D]),
    r = data([B * T, D]),
    attrs = { batch: B, time: T, heads: H };
  const [dqkv] = await on('native', () => {
    const probs = (kernel(FUSED_KERNELS.attention, { qkv: tensor(qkv) }, attrs) as tf.Tensor[])[1];
    return kernel(FUSED_KERNELS.attentionGrad, { dy: tensor(r), qkv: tensor(qkv), probs }, attrs);
  });
  const q64 = Float64Array.from(qkv.values);
  assert.equal(dqkv.shape, [B * T, 3 * D]);
  assertClose(
    dqkv.values,
    finiteDifferences(() => dot(attention64(q64, 0).out, r.values), q64),
    1e-5,
    'dqkv',
  );
});

test("SousWeightedSquaredError and its gradient have the DSM loss's op-chain bits on native (the diffusion examples keep their numbers)", async () => {
  for (const [rows, width] of [
    [256, 2],
    [1000, 3],
    [7, 1],
  ]) {
    const x = data([rows, width], 3),
      target = data([rows, width]),
      // Weights over many magnitudes (the DSM weights are SNRs): another summation order would round differently.
      weight = {
        shape: [rows, 1],
        values: Float32Array.from({ length: rows }, () => 10 ** (6 * rng.uniform() - 3)),
      },
      dy = 0.37;
    const [fusedLoss, fusedError, fusedDx, chainLoss, chainError, chainDx] = await on('native', () => {
      const w = tensor(weight),
        t = tensor(target),
        upstream = tf.scalar(dy);
      const [loss, error] = kernel(FUSED_KERNELS.weightedSquaredError, {
        x: tensor(x),
        target: t,
        weight: w,
      }) as tf.Tensor[];
      const dx = kernel(FUSED_KERNELS.weightedSquaredErrorGrad, { dy: upstream, error, weight: w }) as tf.Tensor;
      const chainError = tf.sub(tensor(x), t);
      const chainLoss = tf.div(tf.mean(tf.mul(w, tf.sum(tf.square(chainError), 1, true))), width);
      const chainDx = tf.mul(tf.mul(tf.div(tf.div(upstream, width), rows), w), tf.mul(chainError, 2));
      return [loss, error, dx, chainLoss, chainError, chainDx];
    });
    const what = `[${rows}, ${width}]`;
    assert.equal(fusedLoss.shape, []);
    assertClose(fusedLoss.values, chainLoss.values, 0, `loss ${what}`);
    assertClose(fusedError.values, chainError.values, 0, `error ${what}`);
    assertClose(fusedDx.values, chainDx.values, 0, `dx ${what}`);
  }
  // A NaN in one row makes the loss NaN and only that row's gradient.
  const x = data([4, 2]);
  x.values[3] = Number.NaN;
  const [loss, , dx] = await on('native', () => {
    const w = tf.ones([4, 1]);
    const [value, error] = kernel(FUSED_KERNELS.weightedSquaredError, {
      x: tensor(x),
      target: tf.zeros([4, 2]),
      weight: w,
    }) as tf.Tensor[];
    return [
      value,
      error,
      kernel(FUSED_KERNELS.weightedSquaredErrorGrad, { dy: tf.scalar(1), error, weight: w }) as tf.Tensor,
    ];
  });
  assert.ok(Number.isNaN(loss.values[0]));
  assert.equal([...dx.values].map(Number.isNaN), [false, false, false, true, false, false, false, false]);
});

test('selecting native installs its kernels; selecting wasm restores the originals', async () => {
  const replacedNames = ['BatchMatMul', '_FusedMatMul', 'GatherV2', 'Add', 'RealDiv', 'Concat', 'Cast', 'Sin'];
  const kernelFuncs = () => replacedNames.map((name) => tf.getKernel(name, 'wasm')!.kernelFunc);
  const fused = () => Object.values(FUSED_KERNELS).map(fusedKernelAvailable);
  await selectBackend('wasm');
  const originals = kernelFuncs();
  assert.equal([fused(), transposedMatMulIsSlow()], [fused().map(() => false), true]);
  await selectBackend('native');
  assert.equal([fused(), transposedMatMulIsSlow()], [fused().map(() => true), false]);
  kernelFuncs().forEach((f, i) => assert.is.not(f, originals[i], replacedNames[i]));
  await selectBackend('wasm');
  assert.equal([fused(), transposedMatMulIsSlow()], [fused().map(() => false), true]);
  kernelFuncs().forEach((f, i) => assert.is(f, originals[i], replacedNames[i]));
  await selectBackend('cpu');
  assert.not.ok(fusedKernelAvailable(FUSED_KERNELS.gelu));
});

test.after(async () => {
  await selectBackend('cpu');
});

test.run();
