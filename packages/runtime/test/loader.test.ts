import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kit } from '@sous/core';
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
  const plugin = (version: string, range: string) => ({
    version,
    type: 'module',
    main: 'index.js',
    peerDependencies: { '@sous/core': range },
  });
  const noNodes = "export default { namespace: 'ranged', nodes: [] };";
  write('@acme/ranged-ok', plugin('2.0.0', `^${kit.version}`), { 'index.js': noNodes });
  write('@acme/ranged-future', plugin('3.0.0', '^9.1.0'), { 'index.js': 'throw new Error("must not be imported");' });
  write('@acme/ranged-bad', plugin('1.0.0', 'soon'), { 'index.js': noNodes });
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

test('a plugin whose peer range on @sous/core excludes this kit is refused before it is imported', async () => {
  const { plugins, missing } = await loadPlugins(
    ['@acme/ranged-ok', '@acme/ranged-future', '@acme/ranged-bad'],
    project.recipeDir,
  );
  assert.equal(
    plugins.map((p) => [p.package, p.version]),
    [['@acme/ranged-ok', '2.0.0']],
  );
  assert.equal(missing, [
    {
      package: '@acme/ranged-future',
      message: `plugin package "@acme/ranged-future" 3.0.0 supports sous ^9.1.0 (its peerDependencies["@sous/core"]) but this is sous ${kit.version} (${kit.path}); install a version of "@acme/ranged-future" made for sous ${kit.version}, or a sous in ^9.1.0`,
    },
    {
      package: '@acme/ranged-bad',
      message:
        'plugin package "@acme/ranged-bad" 1.0.0 declares an invalid range of sous versions, peerDependencies["@sous/core"] = "soon"',
    },
  ]);
});

/** A project whose plugin installed its own copy of the kit (@sous/core under `dependencies`):
 * package.json, src and dist of this kit copied into the plugin's node_modules at version 0.1.99,
 * the kit's own dependencies linked to those sous uses. */
function makeProjectWithSecondKit(): { root: string; copy: string } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sous-twin-kit-')));
  const pluginDir = path.join(root, 'node_modules', 'sous-plugin-twin');
  const copy = path.join(pluginDir, 'node_modules', '@sous', 'core');
  fs.mkdirSync(copy, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(kit.path, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...manifest, version: '0.1.99' }));
  for (const folder of ['src', 'dist'])
    fs.cpSync(path.join(kit.path, folder), path.join(copy, folder), { recursive: true });
  const requireFromKit = createRequire(path.join(kit.path, 'package.json'));
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    const link = path.join(pluginDir, 'node_modules', dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(installedFolder(requireFromKit, dep), link);
  }
  fs.writeFileSync(
    path.join(pluginDir, 'package.json'),
    JSON.stringify({
      name: 'sous-plugin-twin',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      dependencies: { '@sous/core': '0.1.99' },
    }),
  );
  fs.writeFileSync(
    path.join(pluginDir, 'index.js'),
    "import { definePlugin } from '@sous/core';\nexport default definePlugin({ namespace: 'twin', nodes: [] });\n",
  );
  return { root, copy };
}

/** The folder of package `name` where Node looks for it from `require`'s module. */
function installedFolder(require: NodeJS.Require, name: string): string {
  const found = (require.resolve.paths(name) ?? [])
    .map((dir) => path.join(dir, name))
    .find((dir) => fs.existsSync(path.join(dir, 'package.json')));
  if (!found) throw new Error(`${name} is not installed beside the kit`);
  return fs.realpathSync(found);
}

test('a plugin that brings a second copy of the kit fails to load, naming both copies', async () => {
  const { root, copy } = makeProjectWithSecondKit();
  assert.is.not(copy, kit.path);
  const { plugins, missing } = await loadPlugins(['sous-plugin-twin'], root);
  assert.equal(plugins, []);
  assert.equal(missing, [
    {
      package: 'sous-plugin-twin',
      message: `plugin package "sous-plugin-twin" failed to load: two copies of the sous kit in one process: @sous/core ${kit.version} at ${kit.path} and @sous/core 0.1.99 at ${copy}. A plugin must list @sous/core under peerDependencies, not dependencies, so that it uses the copy sous loads; remove the second copy (fix the plugin, then reinstall or \`npm dedupe\`).`,
    },
  ]);
  assert.is(kit.path, path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core'), 'the first copy stays');
});

test.run();
