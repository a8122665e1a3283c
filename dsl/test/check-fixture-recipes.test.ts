// Every example checks cleanly (no error, no warning) against the fixture registry, which must
// therefore describe every node the examples call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { check } from '../src/check/index.js';
import { parse } from '../src/syntax.js';
import { fixtureRecipes } from './fixtures/diagnose.js';
import { fixtureRegistry } from './fixtures/registry.js';

test('the examples are there', () => {
  assert.ok(fixtureRecipes().length >= 8);
});

for (const { name, file, source } of fixtureRecipes()) {
  test(`${name} checks with no diagnostics`, () => {
    const { ast } = parse(source, file);
    assert.equal(check(ast, fixtureRegistry).diagnostics, []);
  });
}

test.run();
