import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suggest } from '../src/suggest.js';

test('the closest candidate within the edit budget wins', () => {
  assert.is(suggest('gruop', ['prompts', 'group', 'dataset']), 'group', 'a swapped pair costs two edits');
  assert.is(suggest('arithmetc', ['arithmetic', 'divisors']), 'arithmetic');
  assert.is(suggest('AdamW', ['adamw', 'adam']), 'adamw', 'case-only differences cost one edit');
});

test('nothing close, or the name itself, gives no suggestion', () => {
  assert.is(suggest('zzzz', ['group', 'prompts']), undefined);
  assert.is(suggest('group', ['group']), undefined);
  assert.is(suggest('ab', ['xy']), undefined, 'short names allow one edit');
  assert.is(suggest('ab', ['ac']), 'ac');
});

test('ties go to the candidate listed first', () => {
  assert.is(suggest('tesk', ['task', 'test']), 'task');
  assert.is(suggest('tesk', ['test', 'task']), 'test');
});

test.run();
