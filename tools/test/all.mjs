#!/usr/bin/env node
// `npm test`: runs every package's tests through Nx (cached, in parallel), then prints one line
// `N passed, N failed` with the totals over all packages, which CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const nx = path.join(root, 'node_modules', 'nx', 'bin', 'nx.js');
const inFolder = (folder) => fs.readdirSync(path.join(root, folder)).map((d) => path.join(folder, d));
const resultFiles = ['dsl', ...inFolder('packages'), ...inFolder('tools')].map((dir) => path.join(root, dir, '.test-results.json'));

// Stale totals must not count; Nx restores a cached package's file from its cache.
for (const file of resultFiles) fs.rmSync(file, { force: true });
const args = ['run-many', '-t', 'test', '--outputStyle=stream', ...process.argv.slice(2)];
const child = spawnSync(process.execPath, [nx, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' } });

let passed = 0, failed = 0, skipped = 0;
for (const file of resultFiles) {
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.passed; failed += r.failed; skipped += r.skipped;
}
if (child.status !== 0 && failed === 0) failed = 1; // Nx itself failed before a package reported
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || child.status !== 0 ? 1 : 0);
