#!/usr/bin/env node
// Builds a workspace package: esbuild bundles each `exports` entry's `source` file to its
// `default` path (ESM, dependencies left external) and each of `sous.browserBundles` into one
// browser script (`default`) and stylesheet (the same path ending in .css), then tsc emits the
// declarations.
//   node tools/build/build.mjs              build the package in the current folder
//   node tools/build/build.mjs --all        build every package (dsl, packages/*)
//   --js-only                               skip declarations (what `npm ci` runs in `prepare`)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleBrowserScript } from './browser-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: node tools/build/build.mjs [--all] [--js-only]';

/** The flags; an unknown flag or an argument is an error (exit 2), not silently ignored. */
function parseFlags(args) {
  try {
    return parseArgs({
      args,
      options: { all: { type: 'boolean' }, 'js-only': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`build.mjs: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const flags = parseFlags(process.argv.slice(2));
const jsOnly = Boolean(flags['js-only']);

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
    if (typeof spec === 'object' && spec.source && spec.default)
      out.push({ in: path.join(dir, spec.source), out: path.join(dir, spec.default) });
  }
  for (const extra of pkg.sous?.buildEntries ?? [])
    out.push({ in: path.join(dir, extra.source), out: path.join(dir, extra.default) });
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
  for (const bundle of pkg.sous?.browserBundles ?? []) {
    const { script, style } = await bundleBrowserScript(path.join(dir, bundle.source));
    const out = path.join(dir, bundle.default);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, script);
    fs.writeFileSync(out.replace(/\.js$/, '.css'), style);
  }
  if (!jsOnly) {
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
}

const dirs = flags.all ? packageDirs() : [process.cwd()];
for (const dir of dirs) await buildPackage(dir);
