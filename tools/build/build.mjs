#!/usr/bin/env node
// Builds a workspace package: esbuild bundles each `exports` entry's `source` file to its
// `default` path (ESM, dependencies left external), then tsc emits the declarations.
//   node tools/build/build.mjs              build the package in the current folder
//   node tools/build/build.mjs --all        build every package (dsl, packages/*)
//   --js-only                               skip declarations (what `npm ci` runs in `prepare`)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const jsOnly = args.includes('--js-only');

function packageDirs() {
  const dirs = [path.join(root, 'dsl')];
  for (const name of fs.readdirSync(path.join(root, 'packages')).sort()) {
    const dir = path.join(root, 'packages', name);
    if (fs.existsSync(path.join(dir, 'package.json'))) dirs.push(dir);
  }
  return dirs;
}

function entries(dir, pkg) {
  const out = [];
  for (const spec of Object.values(pkg.exports ?? {})) {
    if (typeof spec === 'object' && spec.source && spec.default) out.push({ in: path.join(dir, spec.source), out: path.join(dir, spec.default) });
  }
  for (const extra of pkg.sous?.buildEntries ?? []) out.push({ in: path.join(dir, extra.source), out: path.join(dir, extra.default) });
  return out;
}

async function buildPackage(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const list = entries(dir, pkg);
  await build({
    entryPoints: list.map((e) => ({ in: e.in, out: e.out.replace(/\.js$/, '') })),
    outdir: '.',
    absWorkingDir: dir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // Entries of one package (e.g. @sous/core and @sous/core/testing) share chunks, not copies.
    splitting: true,
    chunkNames: 'dist/[name]-[hash]',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  if (!jsOnly) {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
}

const dirs = args.includes('--all') ? packageDirs() : [process.cwd()];
for (const dir of dirs) await buildPackage(dir);
