#!/usr/bin/env node
// Runs one package's uvu tests (test/**/*.test.ts) from the TypeScript sources and writes the
// totals to .test-results.json, which tools/test/all.mjs adds up over the workspace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');
const resultsFile = path.join(process.cwd(), '.test-results.json');

let passed = 0, failed = 0, skipped = 0, code = 0;
if (fs.existsSync('test')) {
  const child = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', uvu, 'test', '\\.test\\.ts$'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28,
  });
  process.stdout.write(child.stdout ?? '');
  const count = (label) => Number((child.stdout ?? '').match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? NaN);
  const total = count('Total'), ok = count('Passed');
  skipped = count('Skipped') || 0;
  code = child.status ?? 1;
  if (Number.isNaN(total) || Number.isNaN(ok)) {
    // uvu died before its summary (syntax error, crash): count the package as one failure.
    failed = 1; code = code || 1;
  } else {
    passed = ok; failed = total - ok - skipped;
    if (failed > 0) code = code || 1;
  }
}
fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, skipped }) + '\n');
process.exit(code);
