import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Advantages } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { group_norm } from '../src/nodes/group_norm.js';
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
const run = (scale: 'group' | 'batch' | 'none', r = reward, ro = rollouts, ctx = testContext()) =>
  runNode<Advantages>(group_norm, { reward: r, rollouts: ro }, { scale }, ctx).values;

test('scale group: (R − group mean) / (sample std + ε)', () => {
  // Group 0: mean 0.5, sample std √0.5; group 1: all equal → 0.
  const d = Math.SQRT1_2 + 1e-4;
  assertAllClose(run('group'), [0.5 / d, -0.5 / d, 0, 0], 1e-6);
});

test('scale none is Dr. GRPO: R − group mean', () => {
  assertAllClose(run('none'), [0.5, -0.5, 0, 0], 1e-7);
});

test('scale batch divides by the batch deviation of the rewards', () => {
  // Batch rewards 1,0,1,1: mean 0.75, sample variance 0.75/3 = 0.25, std 0.5.
  assertAllClose(run('batch'), [0.5 / 0.5001, -0.5 / 0.5001, 0, 0], 1e-6);
});

test('abstained rewards leave the statistics and get advantage 0; metric frac_zero_std', () => {
  const three = makeRollouts({
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
  const ctx = testContext();
  const adv = run('none', Float32Array.from([1, NaN, 0, 2, 2, NaN]), three, ctx);
  assertAllClose(adv, [0.5, 0, -0.5, 0, 0, 0], 1e-7);
  assert.is(ctx.metrics.frac_zero_std, 0.5);
});

test('a reward count that does not match the rollouts is a clear error', async () => {
  await new NodeTester(group_norm).run({
    invalid: [
      {
        inputs: { reward: Float32Array.from([1, 0]), rollouts },
        messageId: 'rewardCount',
        data: { sequences: 4, got: '2 values' },
      },
      { inputs: { reward: [1, 0, 1, 0], rollouts }, messageId: 'rewardCount', data: { sequences: 4, got: 'a object' } },
    ],
  });
});

test.run();
