// Guard: a node registered without a test (or outside its own src/nodes/<name>.ts) fails here.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { untestedNodes } from '@sous/core/testing';
import plugin from '../src/index.js';

test('every registered node lives in src/nodes/<name>.ts and a test imports it', () => {
  assert.equal(untestedNodes(plugin, fileURLToPath(new URL('..', import.meta.url))), []);
});

test.run();
