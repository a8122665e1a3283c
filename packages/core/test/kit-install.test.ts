// The kit stays small: what `npm install @sous/core` pulls in (its dependencies and peers,
// transitively, as package-lock.json resolves them) holds none of the report's or the native
// backend's tooling nor the other sous packages, and the kit's sources import only what its
// package.json declares.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const kitDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(kitDir, '../..');
const KIT = path.relative(root, kitDir);

/** Packages the kit's install must not pull in: build and report tooling, the C build, the rest of sous. */
const FORBIDDEN = [
  'esbuild',
  'shiki',
  'uplot',
  '@dagrejs/dagre',
  'node-gyp',
  '@sous/runtime',
  '@sous/report',
  '@sous/native',
];

interface LockEntry {
  name?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
type Lock = Record<string, LockEntry>;

/** Where `name` is installed for the package at `from`, as Node resolves it: the first
 * <folder>/node_modules/name up the folders (a workspace link leads to the workspace's folder). */
function resolveIn(lock: Lock, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.posix.dirname(dir)) {
    if (path.posix.basename(dir) !== 'node_modules') {
      const location = dir === '.' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      const entry = lock[location];
      if (entry) return entry.link ? entry.resolved : location;
    }
    if (dir === '.') return undefined;
  }
}

/** Package names installed with the package at `start`: its dependencies, optional dependencies and
 * non-optional peers, and theirs, transitively (dev dependencies are not installed for a user). */
function installClosure(lock: Lock, start: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (location: string): void => {
    if (seen.has(location)) return;
    seen.add(location);
    const entry = lock[location];
    const peers = Object.keys(entry.peerDependencies ?? {}).filter(
      (name) => !entry.peerDependenciesMeta?.[name]?.optional,
    );
    for (const name of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...peers,
    ]) {
      const target = resolveIn(lock, location, name);
      if (target === undefined) {
        if (entry.optionalDependencies?.[name] === undefined)
          throw new Error(`package-lock.json: ${location} needs ${name}, which the lock does not resolve`);
        continue;
      }
      names.add(name);
      visit(target);
    }
  };
  visit(start);
  return names;
}

const lock = (): Lock =>
  (JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Lock }).packages;

test('installing the kit pulls in none of esbuild, shiki, uPlot, dagre, node-gyp or the other sous packages', () => {
  const closure = installClosure(lock(), KIT);
  assert.ok(
    closure.has('@tensorflow/tfjs') && closure.has('zod'),
    "the closure holds the kit's own dependencies and peers",
  );
  assert.equal(
    FORBIDDEN.filter((name) => closure.has(name)),
    [],
  );
});

test("the closure follows the lock: a forbidden package in a dependency's dependencies is found", () => {
  const packages = lock();
  const kit = packages[KIT];
  const withReport = {
    ...packages,
    [KIT]: { ...kit, dependencies: { ...kit.dependencies, '@sous/report': '^0.1.0' } },
  };
  const closure = installClosure(withReport, KIT);
  assert.ok(closure.has('shiki') && closure.has('@dagrejs/dagre'), "the report's own dependencies are in the closure");
});

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

test("the kit's sources import only node builtins, its own files and the packages it declares", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(kitDir, 'package.json'), 'utf8')) as LockEntry;
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const srcDir = path.join(kitDir, 'src');
  const problems: string[] = [];
  for (const file of fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(srcDir, file), 'utf8');
    for (const [, specifier] of source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'([^']+)'/gm)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(path.join(srcDir, file)), specifier);
        if (!target.startsWith(srcDir + path.sep)) problems.push(`src/${file}: ${specifier} is outside the kit's src/`);
      } else if (
        !specifier.startsWith('node:') &&
        !builtinModules.includes(specifier) &&
        !declared.has(packageName(specifier))
      ) {
        problems.push(`src/${file}: ${specifier} is not in the kit's dependencies or peerDependencies`);
      }
    }
  }
  assert.equal(problems, []);
});

test.run();
