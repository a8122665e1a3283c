// build.mjs parses its flags strictly: a mistyped flag (`--al` for `--all`) once built only the
// current folder's package and reported success.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const buildScript = fileURLToPath(new URL('../build.mjs', import.meta.url));
// An empty folder: a build that started would fail on its missing package.json, so only the
// flag check can answer first.
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-build-flags-'));
const build = (...args: string[]) =>
  spawnSync(process.execPath, [buildScript, ...args], { encoding: 'utf8', cwd: empty });
const USAGE = 'usage: node tools/build/build.mjs [--all] [--js-only]\n';

test('an unknown flag is exit 2 with one line naming it and the usage', () => {
  for (const flag of ['--al', '--js_only', '--watch']) {
    const run = build(flag);
    assert.is(run.status, 2, flag);
    assert.is(run.stdout, '');
    assert.ok(run.stderr.startsWith(`build.mjs: Unknown option '${flag}'`), run.stderr);
    assert.ok(run.stderr.endsWith(USAGE), run.stderr);
  }
});

test('an argument, or a value given to a boolean flag, is exit 2', () => {
  for (const args of [['core'], ['--all=yes']]) {
    const run = build(...args);
    assert.is(run.status, 2, args.join(' '));
    assert.ok(run.stderr.startsWith('build.mjs: ') && run.stderr.endsWith(USAGE), run.stderr);
  }
});

test.after(() => fs.rmSync(empty, { recursive: true, force: true }));
test.run();
