import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPlugins, loadRegistry } from '../src/loader.js';

// zod as this package resolves it, so the fake plugin's schema is the same zod the registry reads.
const ZOD_URL = pathToFileURL(createRequire(import.meta.url).resolve('zod')).href;

/** A project folder in /tmp with fake third-party packages in its node_modules and a recipe folder
 * two levels below it, as a user's checkout would be. */
function makeProject(): { root: string; recipeDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-loader-'));
  const write = (pkg: string, manifest: object, files: Record<string, string>) => {
    const dir = path.join(root, 'node_modules', pkg);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: pkg, ...manifest }));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  };
  write(
    '@acme/plugin',
    { version: '1.2.3', type: 'module', exports: { '.': { import: './index.js' } } },
    {
      'index.js': `import { z } from ${JSON.stringify(ZOD_URL)};
export default {
  namespace: 'acme',
  nodes: [{
    name: 'double', kind: 'reward', doc: 'Doubles a reward.',
    params: z.object({ factor: z.number().positive().default(2).describe('Multiplier.') }),
    inputs: { reward: 'Rewards' }, output: 'Rewards',
    run: (inputs, params) => inputs.reward * params.factor,
  }],
};`,
    },
  );
  write(
    '@acme/named',
    { version: '0.0.1', main: 'index.cjs' },
    {
      'index.cjs': `exports.plugin = { namespace: 'named', nodes: [{ name: 'n', kind: 'eval', doc: '', params: null, inputs: {}, output: 'Metrics', run() { return {}; } }] };`,
    },
  );
  write(
    '@acme/empty',
    { version: '1.0.0', type: 'module', main: 'index.js' },
    { 'index.js': 'export const helper = 1;' },
  );
  write(
    '@acme/broken',
    { version: '1.0.0', type: 'module', main: 'index.js' },
    { 'index.js': 'throw new Error("boom at load");' },
  );
  const recipeDir = path.join(root, 'recipes', 'rl');
  fs.mkdirSync(recipeDir, { recursive: true });
  return { root, recipeDir };
}

const project = makeProject();

test('a third-party plugin resolves from a parent folder of the recipe, with its package and version', async () => {
  const { plugins, missing } = await loadPlugins(['@acme/plugin'], project.recipeDir);
  assert.equal(missing, []);
  assert.is(plugins.length, 1);
  const [plugin] = plugins;
  assert.is(plugin.namespace, 'acme');
  assert.is(plugin.package, '@acme/plugin');
  assert.is(plugin.version, '1.2.3');
  assert.is(plugin.nodes[0].run({ reward: 3 }, { factor: 2 }, undefined as never), 6);
});

test('a CommonJS package exporting `plugin` by name loads too', async () => {
  const { plugins } = await loadPlugins(['@acme/named'], project.recipeDir);
  assert.equal(
    plugins.map((p) => [p.namespace, p.package, p.version]),
    [['named', '@acme/named', '0.0.1']],
  );
});

test('a missing package says so and how to install it', async () => {
  const { plugins, missing } = await loadPlugins(['@acme/plugin', '@acme/absent'], project.recipeDir);
  assert.equal(
    plugins.map((p) => p.package),
    ['@acme/plugin'],
  );
  assert.is(missing.length, 1);
  assert.is(missing[0].package, '@acme/absent');
  assert.match(missing[0].message, /plugin package "@acme\/absent" is not installed/);
  assert.match(missing[0].message, /`npm install @acme\/absent`/);
  assert.ok(missing[0].message.includes(project.recipeDir), 'names where it looked');
});

test('a package that exports no plugin, or throws while loading, gets a clear message', async () => {
  const { missing } = await loadPlugins(['@acme/empty', '@acme/broken'], project.recipeDir);
  assert.equal(
    missing.map((m) => m.package),
    ['@acme/empty', '@acme/broken'],
  );
  assert.match(
    missing[0].message,
    /package "@acme\/empty" loaded but exports no plugin: its entry must `export default definePlugin/,
  );
  assert.match(missing[1].message, /plugin package "@acme\/broken" failed to load: boom at load/);
});

test('packages of sous itself resolve from a folder with no node_modules', async () => {
  const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-lonely-'));
  // @sous/dsl is installed beside sous; it is found (not "not installed") but is no plugin.
  const { missing } = await loadPlugins(['@sous/dsl'], lonely);
  assert.match(missing[0].message, /package "@sous\/dsl" loaded but exports no plugin/);
});

test('a package named twice loads once', async () => {
  const { plugins } = await loadPlugins(['@acme/plugin', '@acme/plugin'], project.recipeDir);
  assert.is(plugins.length, 1);
});

test('loadRegistry describes loaded plugins and leaves missing ones undefined', async () => {
  const registry = await loadRegistry(['@acme/plugin', '@acme/absent'], project.recipeDir);
  const acme = registry.plugin('@acme/plugin');
  assert.ok(acme);
  assert.is(acme!.version, '1.2.3');
  assert.equal(acme!.nodes[0].params, [
    { name: 'factor', type: 'number', doc: 'Multiplier.', required: false, default: 2, min: 0, minExclusive: true },
  ]);
  assert.equal(acme!.nodes[0].inputs, [{ name: 'reward', type: 'Rewards' }]);
  assert.is(registry.plugin('@acme/absent'), undefined);
  assert.equal(
    registry.missing.map((m) => m.package),
    ['@acme/absent'],
  );
  assert.equal(
    registry.loaded.map((p) => p.package),
    ['@acme/plugin'],
  );
});

test('loadRegistry reports a plugin whose schema it cannot describe as missing, with the reason', async () => {
  const registry = await loadRegistry(['@acme/named'], project.recipeDir);
  assert.is(registry.plugin('@acme/named'), undefined);
  assert.is(registry.missing.length, 1);
  assert.match(
    registry.missing[0].message,
    /^plugin @acme\/named, node named\.n: its params schema cannot be described/,
  );
});

test.run();
