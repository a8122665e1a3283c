// The native backend's elementwise kernels beyond one shape (@sous/native: broadcast.c, concat.c):
// broadcasting Add/Sub/Multiply/RealDiv/SquaredDifference bit for bit against the cpu and plain
// wasm backends, Concat along every axis, Cast to the same dtype shared; int32 and bool keep the
// wasm kernels. Each native case also counts the addon's calls, so a silent fallback to wasm fails.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadNativeAddon, type NativeAddon } from '@sous/native';
import { selectBackend } from '../src/backends.js';
import { Rng, tf } from '@sous/core';

const rng = new Rng('native-broadcast');
const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-40, -3e38, 3e38, 1, -1];
/** Random float32 values, one in five an edge case (NaN, ±Inf, ±0, a subnormal, near overflow). */
const values = (shape: number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
    rng.uniform() < 0.2 ? SPECIALS[rng.int(SPECIALS.length)] : rng.normal() * 10 ** rng.int(6),
  );

/** Runs `build` in a tidy on a sous backend: the output's shape, dtype and values. */
async function on(backend: string, build: () => tf.Tensor) {
  await selectBackend(backend);
  const t = tf.tidy(build);
  const result = { shape: t.shape, dtype: t.dtype, values: t.dataSync().slice() };
  t.dispose();
  return result;
}

/** Counts the calls of one addon function while `run` runs (the kernels look it up per call). */
async function counting<T>(name: keyof NativeAddon, run: () => Promise<T>): Promise<[T, number]> {
  const addon = loadNativeAddon() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = addon[name];
  let calls = 0;
  addon[name] = (...args: unknown[]) => {
    calls++;
    return original(...args);
  };
  try {
    return [await run(), calls];
  } finally {
    addon[name] = original;
  }
}

/** The float32 bit patterns, every NaN as one pattern. */
const bits = (v: ArrayLike<number>) =>
  Array.from(new Uint32Array(Float32Array.from(v).buffer), (b, i) => (Number.isNaN(v[i]) ? 0x7fc00000 : b));

/** Native, cpu and plain wasm give the same shape and bits; returns the native addon's call count.
 * `wasmAgrees` false: plain wasm is known wrong there, native is compared with cpu only. */
async function assertBitIdentical(
  what: string,
  name: keyof NativeAddon,
  build: () => tf.Tensor,
  wasmAgrees = true,
): Promise<number> {
  const cpu = await on('cpu', build),
    wasm = await on('wasm', build);
  const [native, calls] = await counting(name, () => on('native', build));
  assert.equal(native.shape, cpu.shape, `${what}: shape`);
  assert.is(native.dtype, cpu.dtype, `${what}: dtype`);
  // SquaredDifference: wasm (and native) round a − b to float32 before squaring, cpu squares the
  // float64 difference; they differ by an ulp now and then, so native is held to wasm's bits there.
  const reference = name === 'broadcastBinary' && what.startsWith('squaredDifference') ? wasm : cpu;
  const expected = bits(reference.values);
  if (reference === cpu && wasmAgrees) assert.equal(bits(wasm.values), expected, `${what}: wasm vs cpu`);
  const actual = bits(native.values);
  const wrong = actual.findIndex((b, i) => b !== expected[i]);
  if (wrong >= 0)
    assert.unreachable(
      `${what}[${wrong}]: native ${native.values[wrong]} vs ${reference.values[wrong]} (${calls} calls)`,
    );
  return calls;
}

const SHAPES: [number[], number[]][] = [
  [[], []],
  [[], [7]],
  [[7], []],
  [[1], [5]],
  [
    [37, 11],
    [37, 11],
  ],
  [
    [4, 1],
    [4, 3],
  ],
  [
    [4, 3],
    [1, 3],
  ],
  [[4, 3], [3]],
  [
    [256, 1],
    [256, 2],
  ],
  [
    [256, 1],
    [1, 8],
  ],
  [
    [1, 1],
    [256, 1],
  ],
  [[256, 2], []],
  [
    [2, 1, 3],
    [1, 4, 1],
  ],
  [[2, 3, 4, 5], [5]],
  [
    [2, 3, 4, 5],
    [3, 1, 1],
  ],
  [
    [2, 1, 4, 1],
    [1, 3, 1, 5],
  ],
  [
    [3, 1, 1, 2],
    [1, 2, 5, 1],
  ],
  [
    [1, 1, 1, 1],
    [2, 3],
  ],
  [
    [1, 3, 1, 2, 1, 2],
    [2, 1, 2, 1, 2, 1],
  ],
  // Threaded (from 2^17 elements): rows shared out, one long row shared out, one shape.
  [
    [300, 1],
    [300, 500],
  ],
  [[140000], []],
  [
    [300, 500],
    [300, 500],
  ],
];
const EMPTY: [number[], number[]][] = [
  [[0, 3], [3]],
  [
    [2, 0],
    [2, 1],
  ],
  [[5, 1], [0]],
];

const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
  ['add', tf.add],
  ['sub', tf.sub],
  ['mul', tf.mul],
  ['div', tf.div],
  ['squaredDifference', tf.squaredDifference],
];

test('broadcasting Add, Sub, Multiply, RealDiv, SquaredDifference: bit-identical to cpu and wasm, natively', async () => {
  for (const [sa, sb] of SHAPES) {
    const a = values(sa),
      b = values(sb);
    for (const [name, op] of OPS) {
      const what = `${name} ${JSON.stringify(sa)}×${JSON.stringify(sb)}`;
      const calls = await assertBitIdentical(what, 'broadcastBinary', () =>
        op(tf.tensor(a, sa, 'float32'), tf.tensor(b, sb, 'float32')),
      );
      assert.is(calls, 1, `${what}: native calls`);
    }
  }
});

test('SquaredDifference is (a − b)² rounded twice in float32, as wasm computes it', async () => {
  const a = values([500]),
    b = values([500]);
  const expected = Array.from(a, (x, i) => Math.fround(Math.fround(x - b[i]) ** 2));
  const { values: actual } = await on('native', () => tf.squaredDifference(tf.tensor1d(a), tf.tensor1d(b)));
  assert.equal(bits(actual), bits(expected));
});

test('size-0 broadcasts give empty outputs of the right shape without a native call', async () => {
  for (const [sa, sb] of EMPTY) {
    for (const [name, op] of OPS) {
      const calls = await assertBitIdentical(`${name} ${sa}×${sb}`, 'broadcastBinary', () =>
        op(tf.tensor(values(sa), sa, 'float32'), tf.tensor(values(sb), sb, 'float32')),
      );
      assert.is(calls, 0);
    }
  }
});

/** Shapes of `rank` dimensions whose broadcasts alternate, so that none merge: [1,2,1,…], [2,1,2,…]. */
const alternating = (rank: number) =>
  [0, 1].map((first) => Array.from({ length: rank }, (_, i) => ((i + first) % 2 ? 2 : 1)));

test('up to 9 dimensions that do not collapse run natively and equal cpu (plain wasm is wrong from rank 7)', async () => {
  for (const rank of [6, 7, 9]) {
    const [sa, sb] = alternating(rank);
    const a = values(sa),
      b = values(sb);
    const build = () => tf.sub(tf.tensor(a, sa, 'float32'), tf.tensor(b, sb, 'float32'));
    assert.is(await assertBitIdentical(`rank ${rank} alternating`, 'broadcastBinary', build, rank < 7), 1);
  }
  // Rank 10 keeps the wasm kernel (and its result).
  const [sa, sb] = alternating(10);
  const build = () => tf.add(tf.ones(sa), tf.ones(sb));
  const wasm = await on('wasm', build);
  const [native, calls] = await counting('broadcastBinary', () => on('native', build));
  assert.equal([calls, native.shape, bits(native.values)], [0, wasm.shape, bits(wasm.values)]);
});

test('int32 and bool keep the wasm kernels, same results', async () => {
  const ints = tf.tensor2d([1, -2, 3, 4, 5, -6], [3, 2], 'int32');
  const row = [7, -8];
  for (const [name, op] of OPS.slice(0, 3)) {
    const calls = await assertBitIdentical(`int32 ${name}`, 'broadcastBinary', () =>
      op(ints.clone(), tf.tensor1d(row, 'int32')).cast('float32'),
    );
    assert.is(calls, 0);
  }
  const calls = await assertBitIdentical('bool', 'broadcastBinary', () =>
    tf.mul(tf.tensor1d([true, false], 'bool'), tf.tensor1d([true, true], 'bool')).cast('float32'),
  );
  assert.is(calls, 0);
  await selectBackend('cpu');
  ints.dispose();
});

test('mismatched shapes throw as on cpu', async () => {
  await selectBackend('native');
  assert.throws(() => tf.add(tf.zeros([2, 3]), tf.zeros([3, 2])), /broadcast/i);
  await selectBackend('cpu');
});

test('Concat of float32 along every axis equals cpu, natively; empty inputs skipped; int32 on wasm', async () => {
  const cases: [number[][], number][] = [
    [[[3], [0], [4]], 0],
    [
      [
        [256, 2],
        [256, 1],
        [256, 8],
        [256, 8],
      ],
      1,
    ],
    [
      [
        [2, 3],
        [4, 3],
      ],
      0,
    ],
    [
      [
        [2, 3],
        [2, 5],
        [2, 0],
      ],
      -1,
    ],
    [
      [
        [2, 3, 4],
        [2, 1, 4],
      ],
      1,
    ],
    [
      [
        [2, 3, 4],
        [1, 3, 4],
      ],
      0,
    ],
    [
      [
        [2, 3, 4],
        [2, 3, 2],
        [2, 3, 1],
      ],
      2,
    ],
    [
      [
        [2, 3, 1, 5],
        [2, 3, 4, 5],
      ],
      2,
    ],
    [Array.from({ length: 12 }, (_, i) => [3, i + 1]), 1],
    [
      [
        [400, 200],
        [400, 200],
      ],
      1,
    ],
  ];
  for (const [shapes, axis] of cases) {
    const inputs = shapes.map((s) => ({ s, v: values(s) }));
    const nonEmpty = shapes.filter((s) => s.reduce((a, b) => a * b, 1) > 0).length;
    const calls = await assertBitIdentical(`concat ${JSON.stringify(shapes)} axis ${axis}`, 'concatRows', () =>
      tf.concat(
        inputs.map(({ s, v }) => tf.tensor(v, s, 'float32')),
        axis,
      ),
    );
    assert.is(calls, nonEmpty, `concat ${JSON.stringify(shapes)}: one copy per non-empty input`);
  }
  for (const [what, build] of [
    ['one non-empty input', () => tf.concat([tf.tensor2d([1, 2], [1, 2]), tf.zeros([0, 2])], 0)],
    ['int32', () => tf.concat([tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3], 'int32')]).cast('float32')],
  ] as const) {
    assert.is(await assertBitIdentical(what, 'concatRows', build), 0, what);
  }
});

test('Cast to the same dtype shares the data; other casts keep the wasm kernel', async () => {
  await assertBitIdentical('cast float32 → int32', 'broadcastBinary', () =>
    tf.cast(tf.tensor1d([1.5, -2.5, 3.9, -0.2]), 'int32').cast('float32'),
  );
  await selectBackend('native');
  const before = tf.memory().numDataBuffers;
  const source = tf.tensor1d([1, 2, 3]);
  const copy = tf.cast(source, 'float32');
  assert.is(tf.memory().numDataBuffers, before + 1, 'one buffer for both');
  source.dispose();
  assert.equal(Array.from(copy.dataSync()), [1, 2, 3]);
  copy.dispose();
  assert.is(tf.memory().numDataBuffers, before);
});

test.after(async () => {
  await selectBackend('cpu');
});

test.run();
