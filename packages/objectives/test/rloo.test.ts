import { test } from 'uvu';
import type { Advantages } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { rloo } from '../src/nodes/rloo.js';
import { assertAllClose, makeRollouts } from './rollouts-fixture.js';

const rollouts = makeRollouts({
  rows: [
    [1, 2],
    [1, 2],
    [1, 2],
    [1, 2],
    [1, 2],
    [1, 2],
  ],
  groupSize: 3,
});
const run = (values: number[]) => runNode<Advantages>(rloo, { reward: Float32Array.from(values), rollouts }, {}).values;

test('leave-one-out baseline: R_i − mean of the others = G/(G−1)·(R_i − mean)', () => {
  // Group 0: 1 − 0 = 1; 0 − (1+0)/2 = −0.5 twice. Group 1: 3 − 1.5, 0 − 3, 3 − 1.5.
  assertAllClose(run([1, 0, 0, 3, 0, 3]), [1, -0.5, -0.5, 1.5, -3, 1.5], 1e-7);
});

test('abstained members are not part of the baselines and get 0', () => {
  // Group 0 without its NaN: 1 − 0, 0 − 1. Group 1: only one reward left → nothing to compare with.
  assertAllClose(run([1, NaN, 0, NaN, 5, NaN]), [1, 0, -1, 0, 0, 0], 1e-7);
});

test.run();
