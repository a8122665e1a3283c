// `sous check` and `sous fmt` on a generated, deeply nested recipe: the R0106 diagnostic with
// file:line:col and exit 1, never an internal error (before the nesting limits this overflowed
// the stack: "internal error: Maximum call stack size exceeded", exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { staticRegistry } from '@sous/dsl';
import { runSous } from './run-in-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-cli-deep-'));
const file = path.join(dir, 'deep.recipe');
// 5,000 nested lists: the 65th "[" (column 4 + 65) is the first past the limit of 64.
fs.writeFileSync(file, `sous 1\nx = ${'['.repeat(5000)}1${']'.repeat(5000)}\n`);

const sous = (...args: string[]) => runSous(args, { loadRegistry: async () => staticRegistry([]) });

test('`sous check` on a 5,000-deep list: R0106 at file:2:69, exit 1', async () => {
  const run = await sous('check', file);
  assert.is(run.status, 1, run.stderr);
  assert.ok(run.stderr.startsWith(`${file}:2:69: error[R0106]: this expression nests more than 64 levels`), run.stderr.slice(0, 300));
  assert.not.match(run.stderr, 'internal error');
  assert.match(run.stderr, '1 error, 0 warnings in 1 file');
});

test('`sous fmt` and `sous fmt --check` on it: the same diagnostic, exit 1', async () => {
  for (const args of [['fmt', file], ['fmt', '--check', file]]) {
    const run = await sous(...args);
    assert.is(run.status, 1, run.stderr);
    assert.ok(run.stderr.startsWith(`${file}:2:69: error[R0106]`), run.stderr.slice(0, 300));
    assert.is(run.stdout, '');
  }
});

test.run();
