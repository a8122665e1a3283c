// Golden plans: the compiled plan of every example against the real plugins, loaded as
// `sous plan` loads them, as JSON under dsl/test/fixtures/plans/ (the DSL's golden helper and
// folder). A change to the compiler, a plugin's signature or an example shows as a diff in
// review. A missing plan fails; `npm run test:update -w @sous/cli` rewrites them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { loadRegistry } from '@sous/runtime';
import { snapshot } from '../../../dsl/test/fixtures/diagnose.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const examplesDir = path.join(root, 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith('.recipe'))
  .sort();

test('every example has its golden plan, and every golden plan its example', () => {
  const plans = fs
    .readdirSync(path.join(root, 'dsl/test/fixtures/plans'))
    .filter((f) => f.endsWith('.plan.json'))
    .sort();
  assert.equal(
    plans,
    examples.map((name) => name.replace(/\.recipe$/, '.plan.json')),
  );
});

for (const name of examples) {
  test(`${name} compiles to its golden plan`, async () => {
    const file = `examples/${name}`;
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const registry = await loadRegistry(usedPackages(parse(source, file).ast), examplesDir);
    const { diagnostics, plan } = checkAndCompile(source, file, registry);
    assert.equal(diagnostics, []);
    const { actual, expected } = snapshot(`plans/${name.replace(/\.recipe$/, '.plan.json')}`, plan);
    assert.fixture(actual, expected);
  });
}

test.run();
