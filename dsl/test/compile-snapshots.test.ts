// Golden plans: the compiled plan of every example, as JSON under fixtures/plans/. A change to
// the compiler or the fixture registry shows as a diff in review. A missing plan fails;
// `npm run test:update -w @sous/dsl` rewrites them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile } from '../src/compile/index.js';
import { fixtureRecipes, snapshot } from './fixtures/diagnose.js';
import { fixtureRegistry } from './fixtures/registry.js';

for (const { name, file, source } of fixtureRecipes()) {
  test(`${name} compiles to its golden plan`, () => {
    const { diagnostics, plan } = checkAndCompile(source, file, fixtureRegistry);
    assert.equal(diagnostics, []);
    const { actual, expected } = snapshot(`plans/${name.replace(/\.recipe$/, '.plan.json')}`, plan);
    assert.fixture(actual, expected);
  });
}

test.run();
