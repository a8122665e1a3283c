// `sous papers --json | jq`: output larger than a pipe's buffer reaches a reader that starts late,
// in full (process.exit would drop what the shell's pipe had not taken yet).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

test('output larger than a pipe buffer arrives whole through a shell pipe to a slow reader', () => {
  const sous = [process.execPath, '--conditions=source', '--import', import.meta.resolve('tsx'), main]
    .map(quote)
    .join(' ');
  const run = spawnSync('sh', ['-c', `${sous} papers --json | (sleep 2; cat)`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.is(run.status, 0, run.stderr);
  assert.ok(run.stdout.length > 65_536, `expected more than one pipe buffer of JSON, got ${run.stdout.length} bytes`);
  JSON.parse(run.stdout);
});

test.run();
