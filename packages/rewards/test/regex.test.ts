import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { regex } from '../src/nodes/regex.js';
import { rolloutsOf } from './rollouts.js';

const rollouts = rolloutsOf(['-12', '12a', 'A12', ''], '');

test('search or full match; match and miss values', () => {
  const run = (options: Record<string, unknown>) => Array.from(runNode<Rewards>(regex, { rollouts }, options));
  assert.equal(run({ pattern: '[0-9]+' }), [1, 1, 1, 0]);
  assert.equal(run({ pattern: '-?[0-9]+', full: true }), [1, 0, 0, 0]);
  assert.equal(run({ pattern: 'a', flags: 'i', match: 0.5, miss: -0.5 }), [-0.5, 0.5, 0.5, -0.5]);
  // A global flag would make RegExp.test stateful across sequences: it is ignored.
  assert.equal(run({ pattern: '12', flags: 'g' }), [1, 1, 1, 0]);
});

test('an invalid pattern or flag is refused by the schema with the reason', () => {
  assert.throws(() => regex.params.parse({ pattern: '(' }), /not a valid regular expression/);
  assert.throws(() => regex.params.parse({ pattern: 'a', flags: 'q' }), /flags may only use/);
});

test.run();
