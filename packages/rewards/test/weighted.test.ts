import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { weighted } from '../src/nodes/weighted.js';
import { close } from './rollouts.js';

const a = Float32Array.from([1, 0, NaN, NaN]);
const b = Float32Array.from([0.5, -1, 2, NaN]);

test('Σ w·r, skipping abstained members; all abstained stays abstained', () => {
  assert.ok(close(runNode<Rewards>(weighted, { rewards: [a, b] }, { weights: [] }), [1.5, -1, 2, NaN]));
  assert.ok(close(runNode<Rewards>(weighted, { rewards: [a, b] }, { weights: [2, 0.5] }), [2.25, -0.5, 1, NaN]));
});

test('one reward passes through; weights must match the rewards; lengths must agree', async () => {
  await new NodeTester(weighted).run({
    valid: [{ name: 'one reward', inputs: { rewards: [a] }, check: (sum) => assert.ok(close(sum as Rewards, [...a])) }],
    invalid: [
      {
        inputs: { rewards: [a, b] },
        params: { weights: [1] },
        messageId: 'weightCount',
        data: { weights: 1, rewards: 2 },
      },
      { inputs: { rewards: [a, new Float32Array(3)] }, messageId: 'lengths', data: { lengths: '4, 3' } },
    ],
  });
});

test.run();
