// A seeded bijection of [0, n), computed one index at a time without materialising the
// permutation: a balanced Feistel network over the smallest square power-of-two domain that covers
// n, with cycle walking (re-encrypt until the value lands inside [0, n)). The domain is under 4n,
// so a walk takes fewer than 4 steps on average. Drawing test and train from consecutive index
// ranges of one permutation makes the two splits disjoint by construction.
import type { Rng } from '@sous/core';

const ROUNDS = 6;
/** Half widths up to 26 bits keep every bitwise operation inside 32-bit integers. */
const MAX_HALF_BITS = 26;

/** A permutation of 0..n-1, fixed by the draws it takes from `rng` (six 32-bit round keys). */
export function seededPermutation(n: number, rng: Rng): (index: number) => number {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`seededPermutation: n must be a positive integer, got ${n}`);
  let halfBits = 1;
  while (4 ** halfBits < n) halfBits++;
  if (halfBits > MAX_HALF_BITS)
    throw new RangeError(`seededPermutation: n = ${n} is larger than 2^${2 * MAX_HALF_BITS}`);
  const halfSize = 2 ** halfBits;
  const mask = halfSize - 1;
  const keys = Array.from({ length: ROUNDS }, () => rng.nextUint32());

  const encrypt = (value: number): number => {
    let left = Math.floor(value / halfSize);
    let right = value % halfSize;
    for (const key of keys) [left, right] = [right, (left ^ mixBits(right ^ key)) & mask];
    return left * halfSize + right;
  };

  return (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`seededPermutation: index ${index} is outside 0..${n - 1}`);
    }
    let value = encrypt(index);
    while (value >= n) value = encrypt(value);
    return value;
  };
}

/** murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
function mixBits(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
