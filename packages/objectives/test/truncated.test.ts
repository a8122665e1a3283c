import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mask } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { truncated } from '../src/nodes/truncated.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

test('1 on every position of a truncated sequence', () => {
  assert.equal(rowsOf(runNode<Mask>(truncated, { rollouts }, {}), 4), [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
  ]);
});

test.run();
