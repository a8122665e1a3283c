#!/usr/bin/env node
// `npm run coverage`: every package's tests under c8 (tools/test/run.mjs with SOUS_COVERAGE=1,
// uncached), then a Markdown table of each package's line coverage of its own code, and the
// source files under 60% of their lines. Not part of `npm test`: c8 slows every run.
import { spawnSync } from 'node:child_process';
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testedPackages } from './totals.mjs';

const LOW = 60;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `--table` only prints the table of the last run; other arguments go to all.mjs (`--projects=…`).
const tableOnly = process.argv[2] === '--table';
const tests = tableOnly
  ? { status: 0 }
  : spawnSync(
      process.execPath,
      [path.join(root, 'tools', 'test', 'all.mjs'), '--skip-nx-cache', ...process.argv.slice(2)],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, SOUS_COVERAGE: '1' },
      },
    );

/**
 * True for a file that compiles to no JavaScript (types only): it never loads, so c8 would count
 * every line of it as uncovered.
 * @param {string} file
 */
const typesOnly = (file) =>
  esbuild
    .transformSync(fs.readFileSync(file, 'utf8'), { loader: path.extname(file).slice(1) === 'mjs' ? 'js' : 'ts' })
    .code.trim() === '';

const rows = [],
  low = [],
  skipped = [];
for (const { name, dir } of testedPackages(root)) {
  const file = path.join(dir, 'coverage', 'coverage-summary.json');
  if (!fs.existsSync(file)) continue;
  let covered = 0,
    total = 0;
  for (const [source, { lines }] of Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')))) {
    if (source === 'total') continue;
    if (lines.covered === 0 && typesOnly(source)) {
      skipped.push(path.relative(root, source));
      continue;
    }
    covered += lines.covered;
    total += lines.total;
    if (lines.pct < LOW)
      low.push(`${path.relative(root, source)}: ${lines.pct.toFixed(1)}% (${lines.covered} / ${lines.total} lines)`);
  }
  rows.push(`| ${name} | ${covered} / ${total} | ${total ? ((100 * covered) / total).toFixed(1) : '–'}% |`);
}
console.log(['', '| package | lines covered | line coverage |', '| --- | --: | --: |', ...rows].join('\n'));
console.log(
  `\nsource files under ${LOW}% line coverage (by their own package's tests):\n${low.map((l) => `  ${l}`).join('\n') || '  none'}`,
);
console.log(`\nleft out, types only: ${skipped.join(', ') || 'none'}`);
process.exit(tests.status ?? 1);
