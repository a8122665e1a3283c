import { test } from 'uvu';
import type { Advantages } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { reinforce_advantage } from '../src/nodes/reinforce_advantage.js';
import { assertAllClose, makeRollouts } from './rollouts-fixture.js';

const rollouts = makeRollouts({
  rows: [
    [1, 2],
    [1, 2],
    [1, 2],
    [1, 2],
  ],
  groupSize: 2,
});
const reward = Float32Array.from([1, 0, 1, 1]);
const run = (options: Record<string, unknown>, r = reward) =>
  runNode<Advantages>(reinforce_advantage, { reward: r, rollouts }, options).values;

test('baselines: none, group mean, batch mean, constant', () => {
  assertAllClose(run({}), [1, 0, 1, 1], 0);
  assertAllClose(run({ baseline: 'group_mean' }), [0.5, -0.5, 0, 0], 1e-7);
  assertAllClose(run({ baseline: 'batch_mean' }), [0.25, -0.75, 0.25, 0.25], 1e-7);
  assertAllClose(run({ baseline: 'constant', constant: 0.5 }), [0.5, -0.5, 0.5, 0.5], 1e-7);
});

test('whiten is REINFORCE++: (A − batch mean) / (batch std + ε)', () => {
  // Rewards 1,0,1,1: mean 0.75, sample std 0.5.
  const d = 0.5 + 1e-6;
  assertAllClose(run({ baseline: 'batch_mean', whiten: true }), [0.25 / d, -0.75 / d, 0.25 / d, 0.25 / d], 1e-6);
  // Group-centred 0.5, −0.5, 0, 0: mean 0, sample std √(0.5/3).
  const g = Math.sqrt(0.5 / 3) + 1e-6;
  assertAllClose(run({ baseline: 'group_mean', whiten: true }), [0.5 / g, -0.5 / g, 0, 0], 1e-6);
});

test('abstained rewards get advantage 0', () => {
  assertAllClose(run({ baseline: 'batch_mean' }, Float32Array.from([1, NaN, 0, 2])), [0, 0, -1, 1], 1e-7);
});

test.run();
