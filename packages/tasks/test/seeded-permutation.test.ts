import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { seededPermutation } from '../src/seeded-permutation.js';

const valuesOf = (n: number, seed: string) => {
  const order = seededPermutation(n, new Rng(seed));
  return Array.from({ length: n }, (_, index) => order(index));
};

test('is a bijection of 0..n-1 for sizes around powers of two', () => {
  for (const n of [1, 2, 3, 4, 5, 15, 16, 17, 200, 1000, 4097]) {
    const values = valuesOf(n, 's');
    assert.equal(
      [...values].sort((x, y) => x - y),
      Array.from({ length: n }, (_, index) => index),
      `n = ${n}`,
    );
  }
});

test('the same seed gives the same order; another seed another order', () => {
  assert.equal(valuesOf(1000, 'a'), valuesOf(1000, 'a'));
  assert.not.equal(valuesOf(1000, 'a'), valuesOf(1000, 'b'));
});

test('shuffles: few fixed points and no long ascending runs', () => {
  const values = valuesOf(10000, 'shuffle');
  const fixedPoints = values.filter((value, index) => value === index).length;
  assert.ok(fixedPoints < 10, `${fixedPoints} fixed points`); // about 1 expected
  const ascending = values.slice(1).filter((value, index) => value > values[index]).length;
  // Ascents of a uniform permutation of n: mean (n − 1)/2, variance (n + 1)/12; within 5 standard deviations.
  assert.ok(Math.abs(ascending - 9999 / 2) < 5 * Math.sqrt(10001 / 12), `${ascending} ascents`);
});

test('handles the largest arithmetic space (6 digits, three operators) exactly', () => {
  const n = 3 * 10 ** 12;
  const order = seededPermutation(n, new Rng('big'));
  const seen = new Set<number>();
  for (let index = 0; index < 2000; index++) {
    const value = order(index);
    assert.ok(Number.isInteger(value) && value >= 0 && value < n);
    seen.add(value);
  }
  assert.is(seen.size, 2000);
});

test('rejects an index outside 0..n-1 and a bad n', () => {
  const order = seededPermutation(10, new Rng('r'));
  assert.throws(() => order(10), /outside 0\.\.9/);
  assert.throws(() => order(-1), /outside/);
  assert.throws(() => order(1.5), /outside/);
  assert.throws(() => seededPermutation(0, new Rng('r')), /positive integer/);
});

test.run();
