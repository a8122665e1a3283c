import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mask } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { demonstrated } from '../src/nodes/demonstrated.js';
import { rollouts } from './masks-fixture.js';
import { rowsOf } from './rollouts-fixture.js';

test('1 on the tokens a prefix sampler copied from a demonstration', () => {
  assert.equal(rowsOf(runNode<Mask>(demonstrated, { rollouts }, {}), 4), [
    [0, 1, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 1, 0],
  ]);
});

test.run();
