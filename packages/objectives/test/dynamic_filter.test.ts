import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mask } from '@sous/core';
import { runNode, testContext } from '@sous/core/testing';
import { dynamic_filter } from '../src/nodes/dynamic_filter.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

const run = (values: number[], ctx = testContext()) =>
  rowsOf(runNode<Mask>(dynamic_filter, { reward: Float32Array.from(values), rollouts }, {}, ctx), 4);

test('drops the groups whose rewards are all equal', () => {
  const ctx = testContext();
  assert.equal(run([1, 1, 0, 1], ctx), [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
    [1, 1, 1, 1],
  ]);
  assert.is(ctx.metrics.kept_groups, 0.5);
  assert.equal(run([0, 1, 0, 0]), [
    [1, 1, 1, 1],
    [1, 1, 1, 1],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ]);
});

test('abstained rewards do not make a group informative', () => {
  assert.equal(run([1, NaN, 0, 1]), [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
    [1, 1, 1, 1],
  ]);
});

test.run();
