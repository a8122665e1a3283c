// Finding non-finite numbers in node outputs (scalars, tensors, numeric arrays, and those nested
// one level in objects such as Rollouts), to name the node that produced a NaN.
import { tf } from '@sous/core';

export function isFiniteValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof tf.Tensor) {
    if (value.dtype !== 'float32') return true;
    return tf.tidy(() => tf.all(tf.isFinite(value)).dataSync()[0] === 1);
  }
  if (value instanceof Float32Array || value instanceof Float64Array) return value.every(Number.isFinite);
  if (Array.isArray(value)) return value.every((item) => isFiniteValue(item, depth + 1));
  if (depth === 0 && value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.values(value).every((item) => isFiniteValue(item, depth + 1));
  }
  return true;
}
