import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { weighted } from '../src/nodes/weighted.js';
import { close } from './rollouts.js';

const a = Float32Array.from([1, 0, NaN, NaN]);
const b = Float32Array.from([0.5, -1, 2, NaN]);

test('Σ w·r, skipping abstained members; all abstained stays abstained', () => {
  assert.ok(close(runNode<Rewards>(weighted, { rewards: [a, b] }, { weights: [] }), [1.5, -1, 2, NaN]));
  assert.ok(close(runNode<Rewards>(weighted, { rewards: [a, b] }, { weights: [2, 0.5] }), [2.25, -0.5, 1, NaN]));
});

test('weights must match the connected rewards; lengths must agree', () => {
  assert.throws(() => runNode<Rewards>(weighted, { rewards: [a, b] }, { weights: [1] }), /1 weights for 2 rewards/);
  assert.throws(() => runNode<Rewards>(weighted, { rewards: [a, new Float32Array(3)] }, { weights: [] }), /same sequences \(lengths 4, 3\)/);
});

test.run();
