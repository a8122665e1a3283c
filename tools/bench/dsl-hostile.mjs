#!/usr/bin/env node
// Front-end CPU time on hostile input: deep nesting, long chains, one long line, many lines, bad
// characters and binary bytes, each generated at several sizes. For each case it runs what
// `sous check` runs (parse, check, compile: checkAndCompile with an empty registry), `sous fmt`
// (format) and prints the CPU time of each, the number of diagnostics and their codes.
// The inputs come from dsl/test/hostile-inputs.ts. Not a test: it prints numbers. Run it
// in-process (no CLI start-up in the numbers), on the sources or, as the CLI runs, on the built
// dsl/dist (`npm run build -w @sous/dsl`, then leave out --conditions=source):
//   npm run bench:dsl-hostile -w tools/bench
//   node [--conditions=source] --import tsx tools/bench/dsl-hostile.mjs [--sizes 100000,1000000] [--kinds parentheses,NULs] [--write DIR]
// With --write DIR it only writes the generated files (DIR/<kind>-<size>.recipe), for timing the
// CLI itself with /usr/bin/time.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,131000,1000000,3000000' },
    kinds: { type: 'string' },
    write: { type: 'string' },
  },
});

const { HOSTILE_INPUTS: KINDS } = await import('../../dsl/test/hostile-inputs.ts');

const sizes = flags.sizes.split(',').map(Number);
const kinds = flags.kinds ? flags.kinds.split(',') : Object.keys(KINDS);
const SYMBOLS = { '+': 'plus', '-': 'minus', '!': 'bang', '.': 'dot' };
/** A file name for a kind: `prefix !` -> prefix-bang, `one long line (a list)` -> one-long-line-a-list. */
const label = (kind, size) =>
  `${kind
    .replace(/(^|\s)([+\-!.])/g, (_, space, c) => `${space}${SYMBOLS[c]} `)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${size}`;

if (flags.write) {
  fs.mkdirSync(flags.write, { recursive: true });
  for (const kind of kinds)
    for (const size of sizes)
      fs.writeFileSync(path.join(flags.write, `${label(kind, size)}.recipe`), KINDS[kind](size));
  process.exit(0);
}

const { checkAndCompile, format, staticRegistry } = await import('@sous/dsl');
const registry = staticRegistry([]);

/** CPU milliseconds (user + system) of `fn`, and its result. */
function cpu(fn) {
  const start = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, result];
}

// Warm up the parser (its first run compiles much of Chevrotain).
checkAndCompile(KINDS['bad characters'](2000), 'warm.recipe', registry);

console.log('case'.padEnd(32), 'bytes'.padStart(9), 'check ms'.padStart(9), 'fmt ms'.padStart(8), '  diagnostics');
for (const kind of kinds) {
  for (const size of sizes) {
    const content = KINDS[kind](size);
    const source = typeof content === 'string' ? content : content.toString('utf8');
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    const [checkMs, { diagnostics }] = cpu(() => checkAndCompile(source, 'hostile.recipe', registry));
    const [fmtMs] = cpu(() => {
      try {
        format(source, 'hostile.recipe');
      } catch (error) {
        if (!Array.isArray(error.diagnostics)) throw error;
      }
    });
    const codes = [...new Set(diagnostics.map((d) => d.code))].join(' ');
    console.log(
      kind.padEnd(32),
      String(bytes).padStart(9),
      checkMs.toFixed(0).padStart(9),
      fmtMs.toFixed(0).padStart(8),
      `  ${diagnostics.length} (${codes})`,
    );
  }
}
