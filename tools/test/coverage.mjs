#!/usr/bin/env node
// `npm run coverage`: every package's tests under c8 (tools/test/run.mjs with SOUS_COVERAGE=1,
// uncached), then a Markdown table of each package's line coverage of its own code, and the
// source files under 60% of their lines. Not part of `npm test`: c8 slows every run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testedPackages } from './totals.mjs';

const LOW = 60;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tests = spawnSync(process.execPath, [path.join(root, 'tools', 'test', 'all.mjs'), '--skip-nx-cache', ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, SOUS_COVERAGE: '1' },
});

const rows = [], low = [];
for (const { name, dir } of testedPackages(root)) {
  const file = path.join(dir, 'coverage', 'coverage-summary.json');
  if (!fs.existsSync(file)) continue;
  const summary = JSON.parse(fs.readFileSync(file, 'utf8'));
  rows.push(`| ${name} | ${summary.total.lines.covered} / ${summary.total.lines.total} | ${summary.total.lines.pct.toFixed(1)}% |`);
  for (const [source, { lines }] of Object.entries(summary)) {
    if (source !== 'total' && lines.pct < LOW) low.push(`${path.relative(root, source)}: ${lines.pct.toFixed(1)}% (${lines.covered} / ${lines.total} lines)`);
  }
}
console.log(['', '| package | lines covered | line coverage |', '| --- | --: | --: |', ...rows].join('\n'));
console.log(`\nsource files under ${LOW}% line coverage (by their own package's tests):\n${low.map((l) => `  ${l}`).join('\n') || '  none'}`);
process.exit(tests.status ?? 1);
