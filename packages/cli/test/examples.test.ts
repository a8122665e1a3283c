// Every recipe in examples/ checks cleanly against the REAL plugins it uses (loaded the way
// `sous check` and `sous run` load them), compiles, and survives the `explain` round trip:
// the resolved recipe compiles back to the same plan hash.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, explain, parse, render, usedPackages } from '@sous/dsl';
import { loadRegistry } from '@sous/runtime';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const examplesDir = path.join(root, 'examples');
const examples = fs
  .readdirSync(examplesDir)
  .filter((f) => f.endsWith('.recipe'))
  .sort();

test('the examples folder holds the recipes the README and examples/README.md name', () => {
  for (const name of ['sft-arithmetic', 'grpo-arithmetic', 'dr-grpo', 'dapo', 'rloo', 'dpo', 'diffusion-mixture']) {
    assert.ok(examples.includes(`${name}.recipe`), `${name}.recipe is missing`);
  }
});

for (const name of examples) {
  test(`${name} checks against the real plugins and explains back to the same plan`, async () => {
    const file = path.join(examplesDir, name);
    const source = fs.readFileSync(file, 'utf8');
    const registry = await loadRegistry(usedPackages(parse(source, file).ast), examplesDir);
    const { diagnostics, plan } = checkAndCompile(source, file, registry);
    assert.equal(
      diagnostics.map((d) => render(d, source)),
      [],
    );
    assert.ok(plan);
    const resolved = checkAndCompile(explain(plan), file, registry);
    assert.equal(
      resolved.diagnostics.map((d) => d.message),
      [],
    );
    assert.is(resolved.plan?.hash, plan.hash);
  });
}

test.run();
