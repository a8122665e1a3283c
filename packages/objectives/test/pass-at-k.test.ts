import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { passAtK } from '../src/lib/pass-at-k.js';
import { assertClose } from './rollouts-fixture.js';

test('1 − C(n−c, k)/C(n, k) by hand', () => {
  assertClose(passAtK(5, 2, 1), 2 / 5, 1e-12); // = c/n
  assertClose(passAtK(5, 2, 2), 1 - 3 / 10, 1e-12); // C(3,2)=3, C(5,2)=10
  assertClose(passAtK(10, 1, 8), 1 - 9 / 45, 1e-12); // C(9,8)=9, C(10,8)=45
  assertClose(passAtK(8, 3, 4), 1 - 5 / 70, 1e-12); // C(5,4)=5, C(8,4)=70
  assert.is(passAtK(10, 3, 8), 1); // fewer than k wrong samples
  assert.is(passAtK(10, 0, 8), 0);
});

test('stays finite for large n', () => {
  assertClose(passAtK(1000, 1, 1), 0.001, 1e-12);
  assertClose(passAtK(1000, 500, 2), 1 - (500 * 499) / (1000 * 999), 1e-12);
});

test('rejects impossible counts', () => {
  assert.throws(() => passAtK(4, 5, 1), /0 ≤ c ≤ n/);
  assert.throws(() => passAtK(4, 1, 5), /1 ≤ k ≤ n/);
});

test.run();
