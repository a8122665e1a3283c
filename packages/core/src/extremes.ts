// The largest and smallest of many numbers. Math.max(...values) passes every value as an argument,
// which overflows the call stack from about 125,000 of them (a vocabulary, a particle group, a
// batch of prompts): these loop instead. Like Math.max() and Math.min(), an empty list gives
// -Infinity and Infinity.

export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const value of values) max = Math.max(max, value);
  return max;
}

export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const value of values) min = Math.min(min, value);
  return min;
}
