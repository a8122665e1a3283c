import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSousError, isSousError, SousError } from '../src/errors.js';

test('formats file:line:column, the message and the hint as one paragraph', () => {
  const error = new SousError('unknown parameter "lr2"', {
    file: 'x.recipe',
    line: 3,
    column: 14,
    hint: 'Did you mean "lr"?',
  });
  assert.is(formatSousError(error), 'x.recipe:3:14: unknown parameter "lr2". Did you mean "lr"?');
});

test('leaves out the parts it does not have', () => {
  assert.is(formatSousError(new SousError('no backend')), 'no backend');
  assert.is(formatSousError(new SousError('bad value', { file: '--backend' })), '--backend: bad value');
  assert.is(formatSousError(new SousError('bad', { file: 'a.jsonl', line: 9 })), 'a.jsonl:9: bad');
  assert.is(
    formatSousError(new SousError('stopped.', { hint: 'Resume with --resume.' })),
    'stopped. Resume with --resume.',
  );
});

test('keeps the cause and is recognisable', () => {
  const cause = new Error('EACCES');
  const error = new SousError('cannot write', { cause });
  assert.is(error.cause, cause);
  assert.is(error.name, 'SousError');
  assert.ok(isSousError(error));
  assert.not.ok(isSousError(cause));
});

test.run();
