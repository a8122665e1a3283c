import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Advantages } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { sign_weight } from '../src/nodes/sign_weight.js';
import { assertAllClose } from './rollouts-fixture.js';

const adv = { kind: 'advantages' as const, level: 'sequence' as const, values: Float32Array.from([1, -1, 2, 0, -0.5]) };
const run = (positive: number, negative: number) => runNode<Advantages>(sign_weight, { adv }, { positive, negative });

test('PSR keeps positives, NSR negatives, W-REINFORCE weights positives by 0.1', () => {
  assertAllClose(run(1, 0).values, [1, 0, 2, 0, 0], 0);
  assertAllClose(run(0, 1).values, [0, -1, 0, 0, -0.5], 0);
  assertAllClose(run(0.1, 1).values, [0.1, -1, 0.2, 0, -0.5], 1e-7);
});

test('the level is kept and the input is not changed', () => {
  const out = run(0, 1);
  assert.is(out.level, 'sequence');
  assert.equal(Array.from(adv.values), [1, -1, 2, 0, -0.5]);
});

test.run();
