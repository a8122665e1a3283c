import { test } from 'uvu';
import { sousErrorOf } from '../src/testing.js';
import * as assert from 'uvu/assert';
import { formatSousError } from '../src/errors.js';
import {
  decodeSafetensors,
  encodeSafetensors,
  safetensorsToTensors,
  tensorsToSafetensors,
  type SafetensorsTensor,
} from '../src/safetensors.js';
import { tf } from '../src/tf.js';

const FILE = 'model.safetensors';

/** A safetensors file assembled byte by byte from a header string and data bytes, independent of
 * the encoder: u64 LE header length, the header padded with spaces to a multiple of 8, the data. */
function handBuilt(header: string, data: number[], headerLength?: number): Uint8Array {
  const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
  const length = headerLength ?? padded.length;
  const bytes = [length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, (length >>> 24) & 0xff, 0, 0, 0, 0];
  return Uint8Array.from([...bytes, ...[...padded].map((c) => c.charCodeAt(0)), ...data]);
}

const HEADER =
  '{"__metadata__":{"format":"pt"},' +
  '"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
  '"b":{"dtype":"I32","shape":[1,1],"data_offsets":[8,12]},' +
  '"h":{"dtype":"F16","shape":[2],"data_offsets":[12,16]},' +
  '"z":{"dtype":"BF16","shape":[1],"data_offsets":[16,18]}}';
const DATA = [
  0x00,
  0x00,
  0xc0,
  0x3f,
  0x00,
  0x00,
  0x00,
  0xc0, // F32 1.5, -2
  0x07,
  0x00,
  0x00,
  0x00, // I32 7
  0x00,
  0x3c,
  0x00,
  0xc0, // F16 1, -2
  0x49,
  0x40, // BF16 0x4049 = 3.140625
];

const errorOf = sousErrorOf;

test('decodes a file built by hand', () => {
  const { tensors, metadata } = decodeSafetensors(handBuilt(HEADER, DATA), FILE);
  assert.equal(metadata, { format: 'pt' });
  assert.equal(Object.keys(tensors), ['a', 'b', 'h', 'z']);
  assert.equal(tensors.a, { dtype: 'F32', shape: [2], data: Float32Array.from([1.5, -2]) });
  assert.equal(tensors.b, { dtype: 'I32', shape: [1, 1], data: Int32Array.from([7]) });
  assert.equal(tensors.h, { dtype: 'F16', shape: [2], data: Float32Array.from([1, -2]) });
  assert.equal(tensors.z, { dtype: 'BF16', shape: [1], data: Float32Array.from([3.140625]) });
});

test('decodes from a Node Buffer inside a larger pool (what fs.readFileSync returns)', () => {
  const file = handBuilt(HEADER, DATA);
  const pooled = Buffer.alloc(file.length + 64);
  pooled.set(file, 32);
  const { tensors } = decodeSafetensors(pooled.subarray(32, 32 + file.length), FILE);
  assert.equal(tensors.a.data, Float32Array.from([1.5, -2]));
  assert.equal(tensors.b.data, Int32Array.from([7]));
});

test('encodes the same bytes as the hand-built file', () => {
  const bytes = encodeSafetensors(
    {
      a: { dtype: 'F32', shape: [2], data: Float32Array.from([1.5, -2]) },
      b: { dtype: 'I32', shape: [1, 1], data: Int32Array.from([7]) },
      h: { dtype: 'F16', shape: [2], data: Float32Array.from([1, -2]) },
      z: { dtype: 'BF16', shape: [1], data: Float32Array.from([3.140625]) },
    },
    { format: 'pt' },
  );
  assert.equal([...bytes], [...handBuilt(HEADER, DATA)]);
});

test('the data starts 8-byte aligned and the padding is spaces', () => {
  const bytes = encodeSafetensors({ x: { dtype: 'U8', shape: [3], data: Uint8Array.from([1, 2, 3]) } });
  const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.is(headerLength % 8, 0);
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  assert.match(header, /^\{.*\} *$/);
  assert.equal([...bytes.subarray(8 + headerLength)], [1, 2, 3]);
});

test('round trips every dtype, scalars and empty tensors', () => {
  const tensors: Record<string, SafetensorsTensor> = {
    f64: { dtype: 'F64', shape: [2], data: Float64Array.from([Math.PI, -1e300]) },
    f32: { dtype: 'F32', shape: [2, 2], data: Float32Array.from([0.1, -0.2, 3e38, -0]) },
    f16: { dtype: 'F16', shape: [3], data: Float32Array.from([0.5, -65504, 2 ** -24]) },
    bf16: { dtype: 'BF16', shape: [2], data: Float32Array.from([1.5, -(2 ** 100)]) },
    i64: { dtype: 'I64', shape: [2], data: BigInt64Array.from([-(2n ** 40n), 5n]) },
    i32: { dtype: 'I32', shape: [3], data: Int32Array.from([-2147483648, 0, 2147483647]) },
    i16: { dtype: 'I16', shape: [1], data: Int16Array.from([-300]) },
    i8: { dtype: 'I8', shape: [1], data: Int8Array.from([-7]) },
    u64: { dtype: 'U64', shape: [1], data: BigUint64Array.from([2n ** 63n]) },
    u32: { dtype: 'U32', shape: [1], data: Uint32Array.from([4000000000]) },
    u16: { dtype: 'U16', shape: [1], data: Uint16Array.from([65535]) },
    u8: { dtype: 'U8', shape: [2], data: Uint8Array.from([0, 255]) },
    bool: { dtype: 'BOOL', shape: [2], data: Uint8Array.from([1, 0]) },
    scalar: { dtype: 'F32', shape: [], data: Float32Array.from([42]) },
    empty: { dtype: 'F32', shape: [0, 3], data: new Float32Array(0) },
  };
  const decoded = decodeSafetensors(encodeSafetensors(tensors, { step: '10' }), FILE);
  assert.equal(decoded.metadata, { step: '10' });
  assert.equal(decoded.tensors, tensors);
});

test('F16 decodes special values from their bit patterns', () => {
  const bits = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0xfc00, 0x8000, 0x7e00];
  const data = bits.flatMap((b) => [b & 0xff, b >> 8]);
  const header = `{"h":{"dtype":"F16","shape":[${bits.length}],"data_offsets":[0,${data.length}]}}`;
  const values = [...(decodeSafetensors(handBuilt(header, data), FILE).tensors.h.data as Float32Array)];
  assert.equal(values.slice(0, 6), [1, -2, 65504, 2 ** -24, Infinity, -Infinity]);
  assert.ok(Object.is(values[6], -0));
  assert.ok(Number.isNaN(values[7]));
});

/** The 16-bit words the encoder writes for these values. */
function halfBits(dtype: 'F16' | 'BF16', values: number[]): number[] {
  const bytes = encodeSafetensors({ x: { dtype, shape: [values.length], data: Float32Array.from(values) } });
  const view = new DataView(bytes.buffer);
  const start = 8 + Number(view.getBigUint64(0, true));
  return values.map((_, i) => view.getUint16(start + 2 * i, true));
}

test('F16 and BF16 encoding rounds to nearest, ties to even', () => {
  // F16 spacing at 1 is 2^-10: 1 + 2^-11 ties down to 1 (even), 1 + 3·2^-11 ties up to 1 + 2^-9.
  assert.equal(halfBits('F16', [1 + 2 ** -11, 1 + 3 * 2 ** -11, 70000, -0]), [0x3c00, 0x3c02, 0x7c00, 0x8000]);
  // BF16 spacing at 1 is 2^-7: 1 + 2^-8 ties down, 1 + 3·2^-8 ties up to 0x3f82.
  assert.equal(halfBits('BF16', [1 + 2 ** -8, 1 + 3 * 2 ** -8, 3.140625]), [0x3f80, 0x3f82, 0x4049]);
  const [nan] = halfBits('BF16', [NaN]);
  assert.ok((nan & 0x7f80) === 0x7f80 && (nan & 0x7f) !== 0, 'BF16 NaN stays NaN');
});

test('encoding rejects a shape that does not match the data', () => {
  const error = errorOf(() => encodeSafetensors({ w: { dtype: 'F32', shape: [2, 2], data: new Float32Array(3) } }));
  assert.match(error.message, /tensor "w" has shape \[2, 2\] \(4 values\) but 3 values/);
});

const CORRUPT: [string, Uint8Array, RegExp][] = [
  [
    'a file shorter than the header length',
    Uint8Array.from([1, 2, 3, 4, 5]),
    /5 bytes long, shorter than the 8-byte header length/,
  ],
  [
    'a header length past the end',
    handBuilt(HEADER, DATA, 1_000_000),
    /header length \(1000000 bytes\) runs past the end of the file/,
  ],
  ['a header that is not JSON', handBuilt('{"a": {"dtype": ', []), /header is not valid JSON/],
  ['a header that is a JSON array', handBuilt('[1,2]', []), /header is not a JSON object/],
  [
    'data cut off at the end',
    handBuilt(HEADER, DATA.slice(0, -1)),
    /tensor "z" has data_offsets \[16, 18\] past the end of the 17-byte data/,
  ],
  [
    'offsets out of range',
    handBuilt('{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}', DATA.slice(0, 8)),
    /past the end of the 8-byte data/,
  ],
  [
    'overlapping tensors',
    handBuilt(
      '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}',
      DATA.slice(0, 12),
    ),
    /"a" and "b" have overlapping data/,
  ],
  [
    'a shape that does not fit the bytes',
    handBuilt('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', DATA.slice(0, 8)),
    /needs 12 bytes but its data_offsets span 8/,
  ],
  [
    'an unknown dtype',
    handBuilt('{"a":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}}', DATA.slice(0, 8)),
    /unknown dtype "Q4"/,
  ],
  [
    'reversed offsets',
    handBuilt('{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}', DATA.slice(0, 8)),
    /invalid data_offsets \[8,0\]/,
  ],
  [
    'a negative dimension',
    handBuilt('{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}', DATA.slice(0, 8)),
    /invalid shape \[-2\]/,
  ],
  [
    'metadata that is not strings',
    handBuilt('{"__metadata__":{"step":3}}', []),
    /"__metadata__" must map strings to strings/,
  ],
];

for (const [name, bytes, pattern] of CORRUPT) {
  test(`a corrupt file is a SousError naming the file: ${name}`, () => {
    const error = errorOf(() => decodeSafetensors(bytes, FILE));
    assert.is(error.file, FILE);
    assert.match(error.message, pattern);
    const text = formatSousError(error);
    assert.ok(text.startsWith(`${FILE}: `), text);
    assert.not.match(text, /\n/);
  });
}

test('tf tensors round trip through a file with their dtypes', async () => {
  await tf.setBackend('cpu');
  const tensors = new Map<string, tf.Tensor>([
    [
      'w',
      tf.tensor2d([
        [1, 2, 3],
        [4, 5, 6.5],
      ]),
    ],
    ['ids', tf.tensor1d([3, -1], 'int32')],
    ['mask', tf.tensor1d([true, false, true], 'bool')],
  ]);
  const bytes = await tensorsToSafetensors(tensors, { step: '7' });
  const decoded = safetensorsToTensors(bytes, FILE, tf);
  assert.equal(decoded.metadata, { step: '7' });
  for (const [name, original] of tensors) {
    const copy = decoded.tensors.get(name)!;
    assert.is(copy.dtype, original.dtype, name);
    assert.equal(copy.shape, original.shape, name);
    assert.equal(await copy.array(), await original.array(), name);
  }
  tf.dispose([...tensors.values(), ...decoded.tensors.values()]);
});

test('other dtypes load as float32 or int32; an int64 beyond int32 is an error', () => {
  const bytes = encodeSafetensors({
    h: { dtype: 'F16', shape: [2], data: Float32Array.from([0.5, 2]) },
    u: { dtype: 'U8', shape: [2], data: Uint8Array.from([7, 255]) },
    l: { dtype: 'I64', shape: [1], data: BigInt64Array.from([-5n]) },
  });
  const before = tf.memory().numTensors;
  const { tensors } = safetensorsToTensors(bytes, FILE, tf);
  assert.is(tensors.get('h')!.dtype, 'float32');
  assert.equal([...tensors.get('h')!.dataSync()], [0.5, 2]);
  assert.is(tensors.get('u')!.dtype, 'int32');
  assert.equal([...tensors.get('u')!.dataSync()], [7, 255]);
  assert.equal([...tensors.get('l')!.dataSync()], [-5]);
  tf.dispose([...tensors.values()]);

  const tooBig = encodeSafetensors({
    ok: { dtype: 'F32', shape: [1], data: Float32Array.from([1]) },
    l: { dtype: 'I64', shape: [1], data: BigInt64Array.from([2n ** 40n]) },
  });
  const error = errorOf(() => safetensorsToTensors(tooBig, FILE, tf));
  assert.match(formatSousError(error), /^model\.safetensors: tensor "l" holds 1099511627776, outside the int32 range/);
  assert.is(tf.memory().numTensors, before, 'no tensor leaks when loading fails');
});

test.run();
