#!/usr/bin/env node
// Each publishable package's `prepack` and `postpack`: the package.json that goes into the tarball
// is the workspace's without what only the workspace can use. In the workspace, every `exports`
// entry has a `source` condition naming its TypeScript file (tests and tsx run with
// `--conditions=source`); the tarball has no src/, so there the condition would point at nothing.
//   node ../../tools/build/pack-manifest.mjs strip     (prepack) keep the workspace's manifest
//                                                       aside, write the published one
//   node ../../tools/build/pack-manifest.mjs restore   (postpack) put the workspace's back
// A strip after a pack that died before its postpack first restores, so it never strips twice.
import fs from 'node:fs';

const MANIFEST = 'package.json';
const KEPT = '.package.workspace.json';
const INSTALL_SCRIPTS = new Set(['preinstall', 'install', 'postinstall']);

/** The published manifest: no `source` conditions, no build-only `sous` keys, and of the scripts
 * only those npm runs at install (the others run the workspace's tools, not in the tarball). */
function publishedManifest(pkg) {
  const out = structuredClone(pkg);
  out.exports = withoutSource(out.exports);
  if (out.sous) {
    delete out.sous.buildEntries;
    delete out.sous.browserBundles;
    if (Object.keys(out.sous).length === 0) delete out.sous;
  }
  if (out.scripts) {
    for (const name of Object.keys(out.scripts)) if (!INSTALL_SCRIPTS.has(name)) delete out.scripts[name];
    if (Object.keys(out.scripts).length === 0) delete out.scripts;
  }
  return out;
}

function withoutSource(spec) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return spec;
  return Object.fromEntries(
    Object.entries(spec)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSource(value)]),
  );
}

function restore() {
  if (fs.existsSync(KEPT)) fs.renameSync(KEPT, MANIFEST);
}

const command = process.argv[2];
if (command === 'strip') {
  restore();
  const text = fs.readFileSync(MANIFEST, 'utf8');
  fs.writeFileSync(KEPT, text);
  fs.writeFileSync(MANIFEST, `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
} else if (command === 'restore') {
  restore();
} else {
  process.stderr.write('usage: node tools/build/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
