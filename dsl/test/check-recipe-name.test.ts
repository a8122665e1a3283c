import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';

test('one recipe name is fine', () => {
  assert.equal(diagnose('recipe "a"\n').diagnostics, []);
});

test('a second recipe name is an error that points to the first', () => {
  const { source, diagnostics } = diagnose('recipe "a"\nrecipe "b"\n');
  assert.equal(summary(diagnostics), [at(source, 'recipe "b"', 'R0004')]);
  assert.match(diagnostics[0].message, 'already named "a" on line 7');
});

test.run();
