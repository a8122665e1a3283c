import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type Mask } from '@sous/core';
import { dynamic_filter } from '../src/nodes/dynamic_filter.js';
import { testContext } from './context.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';
import { runNode } from './run-node.js';

const run = (values: number[], metrics: Record<string, number> = {}) =>
  rowsOf(runNode<Mask>(dynamic_filter, { reward: Float32Array.from(values), rollouts }, {}, testContext({ metric: (k, v) => (metrics[k] = v) })), 4);

test('drops the groups whose rewards are all equal', () => {
  const metrics: Record<string, number> = {};
  assert.equal(run([1, 1, 0, 1], metrics), [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]);
  assert.is(metrics.kept_groups, 0.5);
  assert.equal(run([0, 1, 0, 0]), [[1, 1, 1, 1], [1, 1, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0]]);
});

test('abstained rewards do not make a group informative', () => {
  assert.equal(run([1, NaN, 0, 1]), [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]]);
});

test.run();
