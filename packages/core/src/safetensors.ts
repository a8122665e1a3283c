// safetensors, the weights and checkpoint format (https://huggingface.co/docs/safetensors):
// an unsigned 64-bit little-endian header length N, N bytes of JSON header
//   { "<name>": { "dtype", "shape", "data_offsets": [begin, end] }, "__metadata__"?: { string: string } }
// padded with spaces so the data starts 8-byte aligned, then the byte buffer the offsets index
// (relative to its start). Tensor data is little-endian and row-major.
import { getFloat16, setFloat16 } from '@petamoriken/float16';
import type * as tfTypes from '@tensorflow/tfjs';
import { SousError } from './errors.js';
import type { Tf } from './tf.js';

export type SafetensorsDtype =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I32'
  | 'I16'
  | 'I8'
  | 'U64'
  | 'U32'
  | 'U16'
  | 'U8'
  | 'BOOL';

export type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | BigInt64Array
  | BigUint64Array;

/** One tensor. F16 and BF16 values are held as a Float32Array (converted on encode and decode,
 * rounding to nearest even); I64/U64 as BigInt64Array/BigUint64Array; BOOL as a Uint8Array of 0/1. */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: TypedArray;
}

export interface SafetensorsFile {
  tensors: Record<string, SafetensorsTensor>;
  metadata: Record<string, string>;
}

type ArrayConstructorOf = { new (buffer: ArrayBuffer): TypedArray; BYTES_PER_ELEMENT: number };

/** Bytes per element in the file, and the array type that holds the values in memory. */
const DTYPES: Record<SafetensorsDtype, { bytes: number; array: ArrayConstructorOf }> = {
  F64: { bytes: 8, array: Float64Array },
  F32: { bytes: 4, array: Float32Array },
  F16: { bytes: 2, array: Float32Array },
  BF16: { bytes: 2, array: Float32Array },
  I64: { bytes: 8, array: BigInt64Array },
  I32: { bytes: 4, array: Int32Array },
  I16: { bytes: 2, array: Int16Array },
  I8: { bytes: 1, array: Int8Array },
  U64: { bytes: 8, array: BigUint64Array },
  U32: { bytes: 4, array: Uint32Array },
  U16: { bytes: 2, array: Uint16Array },
  U8: { bytes: 1, array: Uint8Array },
  BOOL: { bytes: 1, array: Uint8Array },
};

const METADATA_KEY = '__metadata__';
/** The reference implementation's limit; a larger header means a corrupt or hostile file. */
const MAX_HEADER_BYTES = 100_000_000;

function isDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.hasOwn(DTYPES, value);
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((count, dim) => count * dim, 1);
}

// ---- half-precision conversion (F16 through @petamoriken/float16; BF16 is the top half of an F32)

function halfBytesToFloat32(bytes: Uint8Array, dtype: 'F16' | 'BF16'): Float32Array {
  const count = bytes.byteLength / 2;
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = getFloat16(view, 2 * i, true);
  } else {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = view.getUint16(2 * i, true) << 16;
  }
  return out;
}

function float32ToHalfBytes(values: ArrayLike<number>, dtype: 'F16' | 'BF16'): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  if (dtype === 'F16') {
    for (let i = 0; i < values.length; i++) setFloat16(view, 2 * i, values[i], true);
  } else {
    const f32 = Float32Array.from(values);
    const bits = new Uint32Array(f32.buffer);
    for (let i = 0; i < bits.length; i++) {
      const b = bits[i];
      const nan = (b & 0x7fffffff) > 0x7f800000;
      // Round to nearest even on the 16 dropped bits; keep NaN a (quiet) NaN.
      const rounded = nan ? (b >>> 16) | 0x40 : (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
      view.setUint16(2 * i, rounded & 0xffff, true);
    }
  }
  return out;
}

// ---- encode

function tensorBytes(name: string, tensor: SafetensorsTensor): Uint8Array {
  const spec = DTYPES[tensor.dtype];
  if (!spec) throw new SousError(`tensor "${name}" has unknown dtype "${tensor.dtype}"`);
  const count = elementCount(tensor.shape);
  if (tensor.data.length !== count) {
    throw new SousError(
      `tensor "${name}" has shape [${tensor.shape.join(', ')}] (${count} values) but ${tensor.data.length} values`,
    );
  }
  if (tensor.dtype === 'F16' || tensor.dtype === 'BF16')
    return float32ToHalfBytes(tensor.data as ArrayLike<number>, tensor.dtype);
  // Any array kind is accepted; converting to the dtype's own array fixes the element width.
  const data = tensor.data instanceof spec.array ? tensor.data : (spec.array as any).from(tensor.data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Encodes tensors (in insertion order) and optional string metadata into a safetensors file. */
export function encodeSafetensors(
  tensors: Record<string, SafetensorsTensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of Object.entries(tensors)) {
    if (name === METADATA_KEY) throw new SousError(`a tensor cannot be named "${METADATA_KEY}"`);
    const bytes = tensorBytes(name, tensor);
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + bytes.byteLength] };
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.byteLength / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.byteLength, 8 + headerLength);
  let position = 8 + headerLength;
  for (const chunk of chunks) {
    out.set(chunk, position);
    position += chunk.byteLength;
  }
  return out;
}

// ---- decode

interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseHeader(
  bytes: Uint8Array,
  file: string,
): { entries: HeaderEntry[]; metadata: Record<string, string>; dataStart: number } {
  const fail = (message: string) =>
    new SousError(`${message}; this is not a valid safetensors file (truncated or corrupt?)`, { file });
  if (bytes.byteLength < 8)
    throw fail(`the file is ${bytes.byteLength} bytes long, shorter than the 8-byte header length`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(bytes.byteLength - 8))
    throw fail(`the header length (${length} bytes) runs past the end of the file (${bytes.byteLength} bytes)`);
  if (length > BigInt(MAX_HEADER_BYTES))
    throw fail(`the header length (${length} bytes) is larger than the ${MAX_HEADER_BYTES}-byte limit`);
  const dataStart = 8 + Number(length);

  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    throw fail(`the header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw fail('the header is not a JSON object');

  const metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        Object.values(value).some((v) => typeof v !== 'string')
      ) {
        throw fail(`"${METADATA_KEY}" must map strings to strings`);
      }
      Object.assign(metadata, value);
      continue;
    }
    const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof entry !== 'object' || entry === null) throw fail(`tensor "${name}" is not an object`);
    if (!isDtype(entry.dtype))
      throw fail(
        `tensor "${name}" has unknown dtype ${JSON.stringify(entry.dtype)} (known: ${Object.keys(DTYPES).join(', ')})`,
      );
    if (!Array.isArray(entry.shape) || !entry.shape.every(isNonNegativeInteger))
      throw fail(`tensor "${name}" has an invalid shape ${JSON.stringify(entry.shape)}`);
    const offsets = entry.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every(isNonNegativeInteger) ||
      offsets[0] > offsets[1]
    ) {
      throw fail(`tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    entries.push({ name, dtype: entry.dtype, shape: entry.shape, begin: offsets[0], end: offsets[1] });
  }

  const dataLength = bytes.byteLength - dataStart;
  for (const e of entries) {
    if (e.end > dataLength)
      throw fail(
        `tensor "${e.name}" has data_offsets [${e.begin}, ${e.end}] past the end of the ${dataLength}-byte data`,
      );
    const expected = elementCount(e.shape) * DTYPES[e.dtype].bytes;
    if (e.end - e.begin !== expected) {
      throw fail(
        `tensor "${e.name}" (${e.dtype}, shape [${e.shape.join(', ')}]) needs ${expected} bytes but its data_offsets span ${e.end - e.begin}`,
      );
    }
  }
  const byBegin = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < byBegin.length; i++) {
    const previous = byBegin[i - 1],
      current = byBegin[i];
    if (current.begin < previous.end)
      throw fail(`tensors "${previous.name}" and "${current.name}" have overlapping data`);
  }
  return { entries, metadata, dataStart };
}

/** Parses a safetensors file; errors name `file`. Tensors come back in header order. */
export function decodeSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  const { entries, metadata, dataStart } = parseHeader(bytes, file);
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const e of entries) {
    const raw = bytes.subarray(dataStart + e.begin, dataStart + e.end);
    let data: TypedArray;
    if (e.dtype === 'F16' || e.dtype === 'BF16') {
      data = halfBytesToFloat32(raw, e.dtype);
    } else {
      // Copy into a fresh, exactly sized buffer (the typed array needs its alignment). Not
      // raw.slice(): on a Node Buffer (what fs.readFileSync returns) slice does not copy.
      data = new DTYPES[e.dtype].array(new Uint8Array(raw).buffer);
    }
    tensors[e.name] = { dtype: e.dtype, shape: e.shape, data };
  }
  return { tensors, metadata };
}

// ---- tf.Tensor bridges

const FROM_TF: Record<string, SafetensorsDtype> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };

/** Encodes tf tensors (float32 → F32, int32 → I32, bool → BOOL). Async: it reads each tensor off
 * the device without blocking (GPU backends). */
export async function tensorsToSafetensors(
  tensors: Map<string, tfTypes.Tensor>,
  metadata?: Record<string, string>,
): Promise<Uint8Array> {
  const entries: Record<string, SafetensorsTensor> = {};
  for (const [name, tensor] of tensors) {
    const dtype = FROM_TF[tensor.dtype];
    if (!dtype)
      throw new SousError(
        `tensor "${name}" has dtype ${tensor.dtype}, which safetensors files here do not store (float32, int32 or bool)`,
      );
    entries[name] = { dtype, shape: tensor.shape, data: (await tensor.data()) as TypedArray };
  }
  return encodeSafetensors(entries, metadata);
}

function tfDtype(dtype: SafetensorsDtype): 'float32' | 'int32' | 'bool' {
  if (dtype === 'BOOL') return 'bool';
  return dtype.startsWith('F') || dtype === 'BF16' ? 'float32' : 'int32';
}

function toInt32(name: string, data: TypedArray, file: string): Int32Array {
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = Number(data[i]);
    if (value < -2147483648 || value > 2147483647) {
      throw new SousError(`tensor "${name}" holds ${String(data[i])}, outside the int32 range TensorFlow.js can hold`, {
        file,
      });
    }
    out[i] = value;
  }
  return out;
}

/** Decodes a file into tf tensors (floats → float32, integers → int32, BOOL → bool). The caller
 * owns the tensors and disposes them. */
export function safetensorsToTensors(
  bytes: Uint8Array,
  file: string,
  tf: Tf,
): { tensors: Map<string, tfTypes.Tensor>; metadata: Record<string, string> } {
  const decoded = decodeSafetensors(bytes, file);
  const tensors = new Map<string, tfTypes.Tensor>();
  try {
    for (const [name, t] of Object.entries(decoded.tensors)) {
      const dtype = tfDtype(t.dtype);
      const values =
        dtype === 'float32'
          ? t.data instanceof Float32Array
            ? t.data
            : Float32Array.from(t.data as Float64Array)
          : dtype === 'int32'
            ? t.data instanceof Int32Array
              ? t.data
              : toInt32(name, t.data, file)
            : (t.data as Uint8Array);
      tensors.set(name, tf.tensor(values, t.shape, dtype));
    }
  } catch (error) {
    for (const tensor of tensors.values()) tensor.dispose();
    throw error;
  }
  return { tensors, metadata: decoded.metadata };
}
