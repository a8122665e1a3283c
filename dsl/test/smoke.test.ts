import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VERSION } from 'chevrotain';

test('chevrotain loads on this Node', () => {
  assert.match(VERSION, /^11\./);
});

test.run();
