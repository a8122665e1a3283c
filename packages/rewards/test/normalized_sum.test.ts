import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { normalized_sum } from '../src/nodes/normalized_sum.js';
import { close, rolloutsOf } from './rollouts.js';

const rollouts = rolloutsOf(['', '', '', ''], '', { groupSize: 2 });

test('each reward is z-scored within its group, then summed', () => {
  // a: group 0 (1, 0) → ±1/√2·(1/(√0.5+ε))…; exactly (r − 0.5)/(√0.5 + ε). Group 1 (5, 5): no spread → 0.
  // b: group 0 (10, 30) → ∓10/(√200 + ε); group 1 (0, 2) → ∓1/(√2 + ε).
  const a = Float32Array.from([1, 0, 5, 5]);
  const b = Float32Array.from([10, 30, 0, 2]);
  const e = 1e-4;
  const za = [0.5 / (Math.SQRT1_2 + e), -0.5 / (Math.SQRT1_2 + e), 0, 0];
  const zb = [-10 / (Math.sqrt(200) + e), 10 / (Math.sqrt(200) + e), -1 / (Math.SQRT2 + e), 1 / (Math.SQRT2 + e)];
  const out = runNode<Rewards>(normalized_sum, { rollouts, rewards: [a, b] }, { weights: [1, 2] });
  assert.ok(
    close(
      out,
      za.map((z, i) => z + 2 * zb[i]),
    ),
    String(Array.from(out)),
  );
});

test('abstentions: left out of the group statistics and of the sum', () => {
  const a = Float32Array.from([1, NaN, 2, 4]);
  const b = Float32Array.from([NaN, NaN, 0, 0]);
  const out = runNode<Rewards>(normalized_sum, { rollouts, rewards: [a, b] }, {});
  // a group 0 has one reward: no spread → 0; b abstains on group 0 entirely.
  const d = Math.SQRT2 + 1e-4;
  assert.ok(close(out, [0, NaN, -1 / d, 1 / d]), String(Array.from(out)));
});

test('rollouts, rewards of their length and one weight per reward are required', async () => {
  const a = Float32Array.from([1, 0, 5, 5]);
  await new NodeTester(normalized_sum).run({
    invalid: [
      {
        inputs: { rollouts: a, rewards: [a] },
        messageId: 'notRollouts',
        data: { got: 'an array of numbers (rewards?)' },
      },
      { inputs: { rollouts, rewards: [a, new Float32Array(3)] }, messageId: 'lengths', data: { lengths: '4, 3, 4' } },
      {
        inputs: { rollouts, rewards: [a] },
        params: { weights: [1, 2] },
        messageId: 'weightCount',
        data: { weights: 2, rewards: 1 },
      },
    ],
  });
});

test.run();
