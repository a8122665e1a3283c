import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mask } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { completion_mask } from '../src/nodes/completion_mask.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

test('1 on completion tokens, the stop token included', () => {
  const mask = runNode<Mask>(completion_mask, { rollouts }, {});
  assert.equal(rowsOf(mask, 4), [
    [0, 1, 1, 1],
    [0, 1, 1, 0],
    [0, 1, 0, 0],
    [0, 1, 1, 1],
  ]);
  mask[1] = 0; // a copy: changing it leaves the rollouts alone
  assert.is(rollouts.completionMask[1], 1);
});

test.run();
