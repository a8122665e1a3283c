// Small named weight maps for the weight-space tests, written as { name: nested array }.
import { tf } from '@sous/core';

export function weightMap(values: Record<string, number[] | number[][]>): Map<string, tf.Tensor> {
  return new Map(Object.entries(values).map(([name, v]) => [name, tf.tensor(v)] as const));
}

export function plain(weights: ReadonlyMap<string, tf.Tensor>): Record<string, number[]> {
  return Object.fromEntries([...weights].map(([name, t]) => [name, Array.from(t.dataSync())]));
}

export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  label = '',
): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      throw new Error(`${label}[${i}]: ${actual[i]} vs ${expected[i]} (tolerance ${tolerance})`);
    }
  }
}
