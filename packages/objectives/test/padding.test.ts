import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mask } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { padding } from '../src/nodes/padding.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

test('1 on prompt and completion tokens, 0 on padding', () => {
  assert.equal(rowsOf(runNode<Mask>(padding, { rollouts }, {}), 4), [
    [1, 1, 1, 1],
    [1, 1, 1, 0],
    [1, 1, 0, 0],
    [1, 1, 1, 1],
  ]);
});

test.run();
