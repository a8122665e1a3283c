// `sous check` and `sous fmt` on a generated, deeply nested recipe: the R0106 diagnostic with
// file:line:col and exit 1, never an internal error (before the nesting limits this overflowed
// the stack: "internal error: Maximum call stack size exceeded", exit 2). Then a file over the
// size limit (R0107), binary bytes (R0108), and a file with more diagnostics than are printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_SHOWN_DIAGNOSTICS, MAX_SOURCE_BYTES, MAX_SYNTAX_ERRORS, staticRegistry } from '@sous/dsl';
import { runSous } from './run-in-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-cli-deep-'));
const file = path.join(dir, 'deep.recipe');
// 5,000 nested lists: the 65th "[" (column 4 + 65) is the first past the limit of 64.
fs.writeFileSync(file, `sous 1\nx = ${'['.repeat(5000)}1${']'.repeat(5000)}\n`);

const sous = (...args: string[]) => runSous(args, { loadRegistry: async () => staticRegistry([]) });

test('`sous check` on a 5,000-deep list: R0106 at file:2:69, exit 1', async () => {
  const run = await sous('check', file);
  assert.is(run.status, 1, run.stderr);
  assert.ok(
    run.stderr.startsWith(`${file}:2:69: error[R0106]: this expression nests more than 64 levels`),
    run.stderr.slice(0, 300),
  );
  assert.not.match(run.stderr, 'internal error');
  assert.match(run.stderr, '1 error, 0 warnings in 1 file');
});

test('`sous fmt` and `sous fmt --check` on it: the same diagnostic, exit 1', async () => {
  for (const args of [
    ['fmt', file],
    ['fmt', '--check', file],
  ]) {
    const run = await sous(...args);
    assert.is(run.status, 1, run.stderr);
    assert.ok(run.stderr.startsWith(`${file}:2:69: error[R0106]`), run.stderr.slice(0, 300));
    assert.is(run.stdout, '');
  }
});

const large = path.join(dir, 'large.recipe');
fs.writeFileSync(large, `sous 1\n${'x = 1\n'.repeat(MAX_SOURCE_BYTES / 6 + 1)}`);
const largeBytes = fs.statSync(large).size;

test('`sous check` and `sous fmt` on a file over the size limit: R0107 at file:1:1 with its size, exit 1', async () => {
  for (const args of [
    ['check', large],
    ['fmt', large],
  ]) {
    const run = await sous(...args);
    assert.is(run.status, 1, run.stderr);
    assert.ok(
      run.stderr.startsWith(
        `${large}:1:1: error[R0107]: this file is ${largeBytes.toLocaleString('en-US')} bytes as UTF-8 text; a recipe may be at most`,
      ),
      run.stderr.slice(0, 300),
    );
    assert.is(run.stderr.match(/error\[/g)?.length, 1);
    assert.is(run.stdout, '');
  }
});

test('`sous check` on binary bytes: the first syntax errors and R0108, exit 1, no internal error', async () => {
  const binary = path.join(dir, 'binary.recipe');
  fs.writeFileSync(binary, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)));
  const run = await sous('check', binary);
  assert.is(run.status, 1, run.stderr);
  assert.is(run.stderr.match(/^\S+:\d+:\d+: error\[R01\d\d\]/gm)?.length, MAX_SYNTAX_ERRORS + 1);
  assert.match(
    run.stderr,
    new RegExp(`error\\[R0108\\]: too many syntax errors: the first ${MAX_SYNTAX_ERRORS} are reported`),
  );
  assert.not.match(run.stderr, 'internal error');
});

test(`\`sous check\` prints the first ${MAX_SHOWN_DIAGNOSTICS} diagnostics of a file and counts the rest`, async () => {
  const many = path.join(dir, 'many.recipe');
  const bindings = MAX_SHOWN_DIAGNOSTICS + 50;
  fs.writeFileSync(many, `sous 1\n${Array.from({ length: bindings }, (_, i) => `x${i} = ${i}\n`).join('')}`); // R0311 on each
  const run = await sous('check', many);
  assert.is(run.status, 1, run.stderr);
  assert.is(run.stderr.match(/error\[R0311\]/g)?.length, MAX_SHOWN_DIAGNOSTICS);
  assert.match(run.stderr, `${many}: 50 more diagnostics not shown\n`);
  assert.match(run.stderr, `${bindings} errors, 0 warnings in 1 file`);
});

test.run();
