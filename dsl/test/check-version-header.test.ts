import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';

test('a file that starts with `sous 1` has no header diagnostic', () => {
  assert.equal(diagnose('seed 1\n').diagnostics, []);
});

test('a missing header is a warning at 1:1 that names the fix', () => {
  const { diagnostics } = diagnose('seed 1\n', { prelude: false });
  assert.equal(summary(diagnostics), ['1:1 R0002']);
  assert.is(diagnostics[0].severity, 'warning');
  assert.match(diagnostics[0].message, 'add `sous 1` as the first line');
});

test('an empty file gets the missing-header warning', () => {
  assert.equal(summary(diagnose('', { prelude: false }).diagnostics), ['1:1 R0002']);
});

test('an unknown version is an error under the number, naming the supported versions', () => {
  const { source, diagnostics } = diagnose('sous 99\nseed 1\n', { prelude: false });
  assert.equal(summary(diagnostics), [at(source, '99', 'R0001')]);
  assert.is(diagnostics[0].message, 'unknown language version 99; this sous supports version 1');
});

test('a header after another statement, or a second one, is misplaced', () => {
  const { source, diagnostics } = diagnose('seed 1\nsous 1\n', { prelude: false });
  assert.equal(summary(diagnostics), [at(source, 'sous 1', 'R0003')]);
  const twice = diagnose('sous 1\n', {});
  assert.equal(summary(twice.diagnostics), [at(twice.source, 'sous 1', 'R0003', 2)]);
});

test.run();
