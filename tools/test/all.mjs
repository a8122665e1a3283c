#!/usr/bin/env node
// `npm test`: runs every package's tests through Nx (cached, in parallel), checks that no
// package ran fewer tests than its minimum in tools/test/minimums.json, then prints one line
// `N passed, N failed, N skipped` with the totals over all packages, which CI reads.
// Extra arguments go to `nx run-many` (e.g. `--projects=@sous/dsl`); such a partial run checks
// only the packages that reported.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inCI, minimumProblems, testedPackages } from './totals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nx = path.join(root, 'node_modules', 'nx', 'bin', 'nx.js');
const tested = testedPackages(root).map(({ name, dir }) => ({ name, file: path.join(dir, '.test-results.json') }));

// Stale totals must not count; Nx restores a cached package's file from its cache.
for (const { file } of tested) fs.rmSync(file, { force: true });
const extra = process.argv.slice(2);
const args = ['run-many', '-t', 'test', '--outputStyle=stream', ...extra];
const child = spawnSync(process.execPath, [nx, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
});

const results = Object.fromEntries(
  tested
    .filter(({ file }) => extra.length === 0 || fs.existsSync(file))
    .map(({ name, file }) => [name, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined]),
);
const minimums = JSON.parse(fs.readFileSync(path.join(root, 'tools', 'test', 'minimums.json'), 'utf8'));
const problems = minimumProblems(
  results,
  extra.length === 0 ? minimums : Object.fromEntries(Object.entries(minimums).filter(([name]) => name in results)),
);

let passed = 0,
  failed = 0,
  skipped = 0;
for (const r of Object.values(results)) {
  if (!r) continue;
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
if (child.status !== 0 && failed === 0) failed = 1; // Nx itself failed before a package reported
// In CI every prerequisite is installed, so a skipped test is a stray test.skip or test.only.
if (inCI() && skipped > 0)
  problems.push(`${skipped} tests were skipped, and CI (CI=true) runs every test: look for test.skip or test.only`);
for (const problem of problems) console.error(`error: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || problems.length > 0 || child.status !== 0 ? 1 : 0);
