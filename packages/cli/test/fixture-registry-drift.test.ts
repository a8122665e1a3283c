// The DSL's fixture registry (dsl/test/fixtures/registry.ts) against the real plugins, loaded as
// `sous check` loads them: every fixture node named like a real node has exactly the real
// signature (kind, doc, inputs and their types, output, members, params with their types,
// defaults and bounds), and every other fixture node lives in the `fixture` namespace, where no
// real node can be mistaken for it. `npm run test:update -w @sous/cli` (SOUS_UPDATE_GOLDENS=1)
// rewrites first-party.json from the plugins.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NodeSignature, PluginSignature } from '@sous/dsl';
import { FIRST_PARTY_PLUGINS, loadRegistry } from '@sous/runtime';
import { UPDATE_VARIABLE } from '../../../tools/test/golden.js';
import {
  FIRST_PARTY_FILE,
  FIXTURE_NAMESPACE,
  FIXTURE_PLUGINS,
  firstPartyPlugins,
} from '../../../dsl/test/fixtures/registry.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const real = await loadRegistry(FIRST_PARTY_PLUGINS, root);
const realNode = (node: NodeSignature) =>
  real.plugin(node.package)?.nodes.find((n) => n.namespace === node.namespace && n.name === node.name);

if (process.env[UPDATE_VARIABLE] === '1') {
  const updated = firstPartyPlugins.map((plugin): PluginSignature => {
    const loaded = real.plugin(plugin.package);
    if (!loaded) throw new Error(`${plugin.package} does not load: ${JSON.stringify(real.missing)}`);
    const nodes = plugin.nodes.map((node) => {
      const actual = realNode(node);
      if (!actual)
        throw new Error(
          `${node.namespace}.${node.name} is no longer a node of ${node.package}: remove it from first-party.json`,
        );
      return actual;
    });
    return { ...loaded, nodes };
  });
  fs.writeFileSync(FIRST_PARTY_FILE, `${JSON.stringify(updated, null, 2)}\n`);
}

test('the first-party plugins load, so the comparison below is with real nodes', () => {
  assert.equal(
    real.missing.filter((m) => firstPartyPlugins.some((p) => p.package === m.package)),
    [],
  );
  assert.ok(firstPartyPlugins.length >= 5);
});

for (const plugin of FIXTURE_PLUGINS) {
  for (const node of plugin.nodes) {
    const name = `${node.namespace}.${node.name}`;
    const actual = realNode(node);
    if (actual) {
      test(`fixture ${name} has the real signature of ${node.package}`, () => {
        assert.equal(
          node,
          actual,
          `${name} drifted from ${node.package}; "npm run test:update -w @sous/cli" rewrites dsl/test/fixtures/first-party.json`,
        );
      });
    } else {
      test(`fixture ${name}, which no plugin defines, is in the "${FIXTURE_NAMESPACE}" namespace`, () => {
        assert.is(
          node.namespace,
          FIXTURE_NAMESPACE,
          `${name} is not a node of ${node.package}: remove it or move it to the ${FIXTURE_NAMESPACE} namespace`,
        );
        assert.not.ok(real.plugins().some((p) => p.namespace === FIXTURE_NAMESPACE || p.package === node.package));
      });
    }
  }
}

test('each fixture plugin claims the package, namespace and version of the real one', () => {
  for (const { package: name, namespace, version } of firstPartyPlugins) {
    const plugin = real.plugin(name);
    assert.equal({ namespace, version }, { namespace: plugin?.namespace, version: plugin?.version }, name);
  }
});

test.run();
