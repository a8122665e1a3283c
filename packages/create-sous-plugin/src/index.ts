// The plugin template (template/) and scaffold(), which writes it out as a new package: one reward
// node, its NodeTester test, a recipe that uses it, README, tsconfig and a package.json whose peer
// and dev dependencies are the sous packages installed beside the scaffolder. `npm init
// sous-plugin NAME` (src/main.ts) and `sous new plugin NAME` both call scaffold().
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import validatePackageName from 'validate-npm-package-name';

/** A name, namespace or folder the scaffolder refuses; nothing has been written. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

/** The words of the recipe language (`@sous/dsl`'s KEYWORDS, checked by a test): no namespace may be one. */
export const RECIPE_KEYWORDS = [
  'sous',
  'recipe',
  'use',
  'as',
  'stage',
  'eval',
  'every',
  'true',
  'false',
  'population',
  'sweep',
  'feedback',
] as const;

/** The first-party plugins the template's recipe `use`s: development dependencies of the new package,
 * and namespaces a new plugin cannot take. */
export const RECIPE_PLUGINS = ['tasks', 'models', 'samplers', 'rewards', 'objectives'] as const;

/** The @sous packages the generated package.json names: the kit (peer), the CLI and the recipe's plugins (dev). */
export const SOUS_PACKAGES = ['@sous/core', '@sous/cli', ...RECIPE_PLUGINS.map((name) => `@sous/${name}`)];

const TEMPLATE = fileURLToPath(new URL('../template/', import.meta.url));
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ScaffoldOptions {
  /** The prefix of the node in recipes (default: from the name, see namespaceFor). */
  namespace?: string;
  /** Version ranges of the @sous packages and TensorFlow.js (default: installedVersions() from here). */
  versions?: Record<string, string>;
}

export interface Scaffolded {
  /** The folder written (absolute). */
  dir: string;
  namespace: string;
  /** The files written, relative to dir, sorted. */
  files: string[];
}

/** Refuses a name npm would not publish, with npm's own reasons. */
export function checkPackageName(name: string): void {
  const result = validatePackageName(name);
  if (!result.validForNewPackages) {
    const reasons = [...(result.errors ?? []), ...(result.warnings ?? [])];
    throw new ScaffoldError(`"${name}" is not a valid npm package name: ${reasons.join('; ')}`);
  }
}

/** The namespace a package name suggests: the scope and a `sous-plugin-` prefix dropped, `-` and `.`
 * made `_` (`@me/sous-plugin-my-thing` → `my_thing`). */
export function namespaceFor(name: string): string {
  const bare = name.replace(/^@[^/]+\//, '').replace(/^sous-plugin-/, '');
  return bare.replace(/[-.]/g, '_');
}

/** Refuses a namespace a recipe could not write, or one the template's recipe already uses. */
export function checkNamespace(namespace: string): void {
  if (!IDENTIFIER.test(namespace)) {
    throw new ScaffoldError(
      `namespace "${namespace}" is not a recipe name (letters, digits and _, not starting with a digit); give one with --namespace`,
    );
  }
  if ((RECIPE_KEYWORDS as readonly string[]).includes(namespace)) {
    throw new ScaffoldError(`namespace "${namespace}" is a word of the recipe language; give another with --namespace`);
  }
  if ((RECIPE_PLUGINS as readonly string[]).includes(namespace)) {
    throw new ScaffoldError(
      `namespace "${namespace}" is @sous/${namespace}'s, which the example recipe uses; give another with --namespace`,
    );
  }
}

/** The package.json of a package, found from its entry (packages need not export ./package.json). */
function manifestOf(name: string, from: string): { version: string; peerDependencies?: Record<string, string> } {
  let dir = path.dirname(createRequire(from).resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || readJson(path.join(dir, 'package.json')).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new ScaffoldError(`cannot find the package.json of ${name}`);
    dir = parent;
  }
  return readJson(path.join(dir, 'package.json'));
}

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** `^version` of each @sous package as installed where `from` (a file URL or path) resolves them, and
 * the kit's TensorFlow.js range; a package not installed there keeps the template's range. */
export function installedVersions(from: string = import.meta.url): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of SOUS_PACKAGES) {
    try {
      versions[name] = `^${manifestOf(name, from).version}`;
    } catch {
      // Not installed beside the caller (`npm init sous-plugin` alone): the template's range stands.
    }
  }
  const tfjs = versions['@sous/core'] && manifestOf('@sous/core', from).peerDependencies?.['@tensorflow/tfjs'];
  if (tfjs) versions['@tensorflow/tfjs'] = tfjs;
  return versions;
}

/** Every file of the template, relative to it, with forward slashes. */
function templateFiles(dir = TEMPLATE, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    return entry.isDirectory() ? templateFiles(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

/** A template file's path in the new package: `__namespace__` replaced; `gitignore` becomes `.gitignore`
 * (npm leaves a .gitignore out of published packages) and `_package.json` `package.json` (a nested
 * package.json would be a package of its own to npm, publint and the workspace's checks). */
function targetPath(file: string, namespace: string): string {
  return file
    .replace(/__namespace__/g, namespace)
    .replace(/^gitignore$/, '.gitignore')
    .replace(/^_package\.json$/, 'package.json');
}

/** Writes a new plugin package named `name` into `dir`, which must be absent or empty. */
export function scaffold(name: string, dir: string, options: ScaffoldOptions = {}): Scaffolded {
  checkPackageName(name);
  const namespace = options.namespace ?? namespaceFor(name);
  checkNamespace(namespace);
  const target = path.resolve(dir);
  if (fs.existsSync(target)) {
    if (!fs.statSync(target).isDirectory()) throw new ScaffoldError(`${target} exists and is not a folder`);
    if (fs.readdirSync(target).length > 0) {
      throw new ScaffoldError(`${target} is not empty; give a new or empty folder (--dir)`);
    }
  }
  const versions = options.versions ?? installedVersions();
  const fill = (text: string) => text.replace(/__package__/g, name).replace(/__namespace__/g, namespace);
  const written: string[] = [];
  for (const file of templateFiles()) {
    let text = fill(fs.readFileSync(path.join(TEMPLATE, file), 'utf8'));
    if (file === '_package.json') text = withVersions(text, versions);
    const out = targetPath(file, namespace);
    fs.mkdirSync(path.dirname(path.join(target, out)), { recursive: true });
    fs.writeFileSync(path.join(target, out), text);
    written.push(out);
  }
  return { dir: target, namespace, files: written.sort() };
}

/** The template's package.json with each dependency that `versions` names set to its range. */
function withVersions(text: string, versions: Record<string, string>): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  for (const field of ['peerDependencies', 'devDependencies']) {
    const deps = manifest[field] as Record<string, string>;
    for (const dep of Object.keys(deps)) if (versions[dep]) deps[dep] = versions[dep];
  }
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Runs `npm install` in the new package; false (npm's output already shown) when it fails. */
export function install(dir: string, npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'): boolean {
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  return result.status === 0;
}

/** What to do next, for the person who scaffolded: a few lines. */
export function nextSteps(scaffolded: Scaffolded, installed: boolean, cwd = process.cwd()): string {
  // A folder outside the current one reads better as its absolute path than as ../../x.
  const relative = path.relative(cwd, scaffolded.dir);
  const shown = relative === '' ? '.' : relative.startsWith('..') ? scaffolded.dir : relative;
  return [
    `wrote ${scaffolded.files.length} files to ${shown} (namespace ${scaffolded.namespace})`,
    'next:',
    `  cd ${shown}`,
    ...(installed ? [] : ['  npm install']),
    '  npm test          # the node test',
    '  npm run check     # sous check on the recipe',
    '  npm run smoke     # two training steps of the recipe',
  ].join('\n');
}
