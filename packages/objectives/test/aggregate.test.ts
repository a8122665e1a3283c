import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { aggregate } from '../src/lib/aggregate.js';
import { assertClose } from './rollouts-fixture.js';

await tf.setBackend('cpu');

const perToken = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
];
const mask = [
  [1, 1, 0],
  [0, 0, 0],
  [0, 1, 1],
];
const run = (mode: Parameters<typeof aggregate>[2], m = mask, normaliser = 4) =>
  tf.tidy(() => aggregate(tf.tensor2d(perToken), tf.tensor2d(m), mode, normaliser).dataSync()[0]);

test('token_mean: all masked tokens weigh the same', () => {
  assertClose(run('token_mean'), (1 + 2 + 8 + 9) / 4, 1e-6);
});

test('seq_mean_token_mean: per-sequence means, averaged over non-empty sequences', () => {
  assertClose(run('seq_mean_token_mean'), (1.5 + 8.5) / 2, 1e-6);
});

test('seq_mean_token_sum: per-sequence sums, averaged over non-empty sequences', () => {
  assertClose(run('seq_mean_token_sum'), (3 + 17) / 2, 1e-6);
});

test('constant: total over (all sequences × normaliser)', () => {
  assertClose(run('constant'), 20 / (3 * 4), 1e-6);
});

test('an all-masked batch aggregates to 0, not NaN', () => {
  const none = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const mode of ['token_mean', 'seq_mean_token_mean', 'seq_mean_token_sum', 'constant'] as const)
    assert.is(run(mode, none), 0);
});

test.run();
