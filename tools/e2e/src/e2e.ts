// npm run e2e: sous as a stranger gets it. Builds the workspace, starts a local Verdaccio (see
// registry.ts), publishes every publishable package at a pre-release version, makes a project in
// the system's temp folder (outside the workspace) whose .npmrc sends only the @sous and @e2e
// scopes to that registry, installs the CLI there, scaffolds a third-party plugin with the
// installed `sous new plugin`, installs, tests and publishes it as its author would, installs it
// into the project, runs a recipe that `use`s it (it trains and writes metrics) and checks a recipe
// with a typo in the plugin's node name (exit 1 and a did-you-mean from the installed plugin).
// Then it stops the registry, checks that the user's npm configuration and the workspace's files
// are as they were, and removes its temp folder.
//   --keep       keep the temp folder (registry storage, the project, the plugin) and say where
//   --no-build   use the build that is there (the declarations too: `npx nx run-many -t build`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { publishableDirs } from '@sous/tool-packages/manifest';
import { run, runAsync } from './exec.js';
import { atVersion, e2eVersion, packInto, readManifest, writeManifest } from './packages.js';
import { startRegistry } from './registry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: flags } = parseArgs({
  options: { keep: { type: 'boolean' }, 'no-build': { type: 'boolean' } },
  strict: true,
});

/** The third-party plugin the e2e scaffolds, its recipe namespace and its one node. */
const PLUGIN = '@e2e/sous-plugin-hello';
const NAMESPACE = 'hello';
const NODE = `${NAMESPACE}.threshold`;
const TYPO = `${NAMESPACE}.treshold`;
/** `sous check`'s exit code for a recipe with errors (packages/cli/src/exit-codes.ts). */
const EXIT_RECIPE = 1;
/** Training steps of the run (the recipe asks for 50; --steps caps them): one metrics row each. */
const STEPS = 10;

const timings: [string, number][] = [];
async function step<T>(what: string, body: () => T | Promise<T>): Promise<T> {
  process.stdout.write(`e2e: ${what} …\n`);
  const started = Date.now();
  const result = await body();
  const seconds = (Date.now() - started) / 1000;
  timings.push([what, seconds]);
  process.stdout.write(`e2e: ${what}: done in ${seconds.toFixed(1)} s\n`);
  return result;
}

/** What the user's npm configuration says, to compare before and after. */
function npmConfigSnapshot(): string {
  const npmrc = path.join(os.homedir(), '.npmrc');
  const registry = run('npm', ['config', 'get', 'registry'], os.homedir()).out.trim();
  const content = fs.existsSync(npmrc) ? fs.readFileSync(npmrc, 'utf8') : '(no ~/.npmrc)';
  return `registry=${registry}\n~/.npmrc:\n${content}`;
}

function gitStatus(): string {
  return run('git', ['status', '--porcelain', '--untracked-files=all'], root).out;
}

function metricsRows(file: string): number {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length;
}

const started = Date.now();
const configBefore = npmConfigSnapshot();
const workspaceBefore = gitStatus();
const temp = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'sous-e2e-'));
const dirs = {
  registry: path.join(temp, 'registry'),
  packs: path.join(temp, 'packs'),
  project: path.join(temp, 'project'),
  plugin: path.join(temp, 'sous-plugin-hello'),
};
const publishableNames = publishableDirs(root).map((dir) => readManifest(dir).name);
const version = e2eVersion(readManifest(path.join(root, 'packages/core')).version, new Date());

if (!flags['no-build']) {
  await step('build every package (JavaScript and declarations)', () =>
    run('npx', ['nx', 'run-many', '-t', 'build', '--parallel=2', '--output-style=static'], root),
  );
}

// Verdaccio serves the names published here and nothing else.
const registry = await step('start Verdaccio', () =>
  startRegistry(dirs.registry, ['@sous/*', '@e2e/*', ...publishableNames.filter((name) => !name.startsWith('@'))]),
);
let failed = false;
try {
  // Publishing goes through a user config of its own with a fake token (Verdaccio lets anyone
  // publish these names): the user's ~/.npmrc is neither read nor written by it.
  const publishConfig = path.join(temp, 'publish.npmrc');
  fs.writeFileSync(publishConfig, `${registry.authKey}=e2e-fake-token\n`);
  const publish = (dir: string, extra: string[] = []) =>
    runAsync(
      'npm',
      ['publish', '--tag', 'e2e', '--registry', registry.url, '--userconfig', publishConfig, '--no-audit', ...extra],
      dir,
    );
  // One npm for all the packs and one for all the publishes (npm's start-up is most of the time of
  // each): the unpacked packages, at the e2e's version, are the workspaces of a scratch root.
  const published = await step(`pack and publish ${publishableNames.length} packages at ${version}`, async () => {
    const names = new Set(publishableNames);
    const unpacked = await packInto(root, publishableDirs(root), dirs.packs);
    const manifests = unpacked.map((dir) => {
      const manifest = atVersion(readManifest(dir), version, names);
      writeManifest(dir, manifest);
      return manifest;
    });
    const workspaces = unpacked.map((dir) => path.relative(dirs.packs, dir));
    writeManifest(dirs.packs, { name: 'sous-e2e-publish', version: '0.0.0', private: true, workspaces });
    await publish(dirs.packs, ['--workspaces']);
    return manifests.map((manifest) => `${manifest.name}@${manifest.version}`);
  });

  // The project: a package.json and an .npmrc that sends the @sous and @e2e scopes to the local
  // registry (everything else comes from the user's usual registry). create-sous-plugin, which the
  // CLI depends on, has no scope for an .npmrc to route, so the project pins it to the local
  // registry's tarball through `overrides`.
  const scopes = `@sous:registry=${registry.url}\n@e2e:registry=${registry.url}\n`;
  const unscoped = Object.fromEntries(
    publishableNames
      .filter((name) => !name.startsWith('@'))
      .map((name) => [name, `${registry.url}${name}/-/${name}-${version}.tgz`]),
  );
  fs.mkdirSync(dirs.project);
  fs.writeFileSync(
    path.join(dirs.project, 'package.json'),
    `${JSON.stringify({ name: 'sous-e2e-project', private: true, type: 'module', overrides: unscoped }, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(dirs.project, '.npmrc'), scopes);
  await step(`npm install @sous/cli@${version} in ${dirs.project}`, () =>
    run('npm', ['install', '--no-audit', '--no-fund', `@sous/cli@${version}`], dirs.project),
  );

  // The plugin's author: scaffolds it with the installed CLI, installs its dependencies, publishes
  // it (its prepublishOnly builds it and runs its test).
  await step(`sous new plugin ${PLUGIN} (the installed CLI's scaffolder)`, () =>
    run('npx', ['--no', 'sous', 'new', 'plugin', PLUGIN, '--dir', dirs.plugin, '--no-install'], dirs.project),
  );
  const pluginManifest = readManifest(dirs.plugin);
  writeManifest(dirs.plugin, { ...pluginManifest, version, overrides: unscoped });
  fs.writeFileSync(path.join(dirs.plugin, '.npmrc'), scopes);
  // The author's install skips compiling the native kernels (an optional dependency of the
  // runtime, which the plugin's test does not use); the project's install below compiles them.
  await step('npm install in the scaffolded plugin', () =>
    run('npm', ['install', '--no-audit', '--no-fund'], dirs.plugin, { env: { SOUS_SKIP_NATIVE: '1' } }),
  );
  await step(`npm publish ${PLUGIN}@${version} (its prepublishOnly: build and test)`, () => publish(dirs.plugin));
  published.push(`${PLUGIN}@${version}`);

  // The user installs the plugin and runs a recipe that uses it.
  await step(`npm install ${PLUGIN}@${version} in the project`, () =>
    run('npm', ['install', '--no-audit', '--no-fund', `${PLUGIN}@${version}`], dirs.project),
  );
  const recipe = fs.readFileSync(path.join(dirs.plugin, 'recipes', `${NAMESPACE}.recipe`), 'utf8');
  if (!recipe.includes(`use "${PLUGIN}"`) || !recipe.includes(`${NODE}(`))
    throw new Error(`the scaffolded recipe does not use ${PLUGIN} and ${NODE}:\n${recipe}`);
  fs.writeFileSync(path.join(dirs.project, 'hello.recipe'), recipe);
  const runDir = path.join(dirs.project, 'runs', 'hello');
  const training = await step(`npx sous run hello.recipe --steps ${STEPS}`, () =>
    run('npx', ['--no', 'sous', 'run', 'hello.recipe', '--steps', String(STEPS), '--out', runDir], dirs.project),
  );
  const metrics = path.join(runDir, 'metrics.jsonl');
  if (!fs.existsSync(metrics)) throw new Error(`sous run wrote no ${metrics}:\n${training.out}`);
  const rows = metricsRows(metrics);
  if (rows !== STEPS) throw new Error(`${metrics} has ${rows} rows, not one per step (${STEPS}):\n${training.out}`);

  fs.writeFileSync(path.join(dirs.project, 'typo.recipe'), recipe.replaceAll(`${NODE}(`, `${TYPO}(`));
  const check = await step(`npx sous check typo.recipe (${TYPO})`, () =>
    run('npx', ['--no', 'sous', 'check', 'typo.recipe'], dirs.project, { expect: EXIT_RECIPE }),
  );
  if (!check.out.includes(`did you mean "${NODE}"`))
    throw new Error(`sous check did not suggest "${NODE}" for "${TYPO}":\n${check.out}`);

  const installed = run('npm', ['ls', '--depth=0'], dirs.project).out.trim();
  const suggestion = check.out.split('\n').find((line) => line.includes('did you mean')) ?? '';
  process.stdout.write(
    [
      '',
      `published to ${registry.url} (Verdaccio, no uplinks):`,
      ...published.map((name) => `  ${name}`),
      `installed in ${dirs.project}:`,
      ...installed.split('\n').map((line) => `  ${line}`),
      'ran:',
      `  npx sous run hello.recipe --steps ${STEPS} → exit 0, ${path.relative(dirs.project, metrics)}: ${rows} rows`,
      `  npx sous check typo.recipe → exit ${check.status}, ${suggestion.trim()}`,
      '',
    ].join('\n'),
  );
} catch (error) {
  failed = true;
  process.stderr.write(`\ne2e: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await registry.stop();
  if (flags.keep) process.stdout.write(`e2e: kept ${temp}\n`);
  else fs.rmSync(temp, { recursive: true, force: true });
}

const configAfter = npmConfigSnapshot();
if (configAfter !== configBefore) {
  failed = true;
  process.stderr.write(
    `e2e: FAILED: the user's npm configuration changed\nbefore:\n${configBefore}\nafter:\n${configAfter}\n`,
  );
}
const workspaceAfter = gitStatus();
if (workspaceAfter !== workspaceBefore) {
  failed = true;
  process.stderr.write(
    `e2e: FAILED: the workspace's files changed\nbefore:\n${workspaceBefore}\nafter:\n${workspaceAfter}\n`,
  );
}
const total = (Date.now() - started) / 1000;
process.stdout.write(
  [
    'timings:',
    ...timings.map(([what, seconds]) => `  ${seconds.toFixed(1).padStart(6)} s  ${what}`),
    `e2e: ${failed ? 'FAILED' : 'passed'} in ${total.toFixed(0)} s; registry stopped; npm config unchanged: ${configAfter === configBefore}`,
    '',
  ].join('\n'),
);
process.exitCode = failed ? 1 : 0;
