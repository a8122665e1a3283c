#!/usr/bin/env node
// Runs one package's uvu tests (test/**/*.test.ts) from the TypeScript sources and writes the
// totals to .test-results.json, which tools/test/all.mjs adds up over the workspace.
// With SOUS_COVERAGE=1 (`npm run coverage`) the run goes through c8, which writes the package's
// line coverage of its own src/ to coverage/coverage-summary.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uvuTotals } from './totals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');
// Resolved here, so that a package anywhere (a test's throwaway one too) loads the same tsx.
const tsx = import.meta.resolve('tsx');
const c8 = path.join(root, 'node_modules', 'c8', 'bin', 'c8.js');
const resultsFile = path.join(process.cwd(), '.test-results.json');

let totals = { passed: 0, failed: 0, skipped: 0 },
  code = 0;
if (fs.existsSync('test')) {
  const tests = ['--conditions=source', '--import', tsx, uvu, 'test', '\\.test\\.ts$'];
  // A package's own code: src/, or everything but its tests where it has no src/ (tools).
  const include = fs.existsSync('src')
    ? ['--include=src/**']
    : ['--include=**/*.{ts,mjs}', '--exclude=test/**', '--exclude=coverage/**'];
  const coverage = [
    '--reporter=json-summary',
    '--reporter=json',
    '--reports-dir=coverage',
    '--all',
    ...include,
    '--exclude-after-remap',
    process.execPath,
  ];
  const args = process.env.SOUS_COVERAGE === '1' ? [c8, ...coverage, ...tests] : tests;
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  process.stdout.write(child.stdout ?? '');
  code = child.status ?? 1;
  const counted = uvuTotals(child.stdout ?? '');
  // uvu died before its summary (syntax error, crash): count the package as one failure.
  totals = counted ?? { passed: 0, failed: 1, skipped: 0 };
  if (totals.failed > 0) code = code || 1;
}
fs.writeFileSync(resultsFile, JSON.stringify(totals) + '\n');
process.exit(code);
