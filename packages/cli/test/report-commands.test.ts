import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hangGuard } from '../../../tools/test/hang-guard.js';
import { runSous } from './run-in-process.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const NODE_ARGS = ['--conditions=source', '--import', 'tsx', main];

const sous = (...args: string[]) => runSous(args);

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-cli-report-'));

function runFolder(name: string, metrics: string): string {
  const dir = path.join(parent, 'runs', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'metrics.jsonl'), metrics);
  return dir;
}

const a = runFolder('a', '{"stage":"sft","step":0,"loss":2}\n{"stage":"sft","st\n{"stage":"sft","step":1,"loss":1}\n');
const b = runFolder('b', '{"stage":"sft","step":0,"loss":3}\n{"stage":"sft","step":1,"loss":2}\n');

test('`sous report DIR` writes report.html and warns about the corrupt line by file:line', async () => {
  const run = await sous('report', a);
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout, `wrote ${path.join(a, 'report.html')}\n`);
  assert.ok(
    run.stderr.startsWith(`warning: ${path.join(a, 'metrics.jsonl')}:2: skipped a line that is not valid JSON (`),
    run.stderr,
  );
  assert.is(run.stderr.split('\n').length, 2, 'one warning line');
  assert.ok(fs.existsSync(path.join(a, 'report.html')));
});

test('`sous report` on a missing folder: one paragraph naming it, exit 2, no stack', async () => {
  const missing = path.join(parent, 'nope');
  const run = await sous('report', missing);
  assert.is(run.status, 2);
  assert.is(
    run.stderr,
    `${missing}: run folder not found. Pass the folder \`sous run\` wrote, for example runs/<name>.\n`,
  );
});

test('`sous compare A B -o FILE` writes the page; one folder is exit 2', async () => {
  const out = path.join(parent, 'cmp.html');
  const run = await sous('compare', a, b, '-o', out);
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stdout, `wrote ${out} (2 runs)\n`);
  assert.match(fs.readFileSync(out, 'utf8'), /"kind":"compare"/);
  const one = await sous('compare', a);
  assert.is(one.status, 2);
  assert.match(one.stderr, /^compare needs at least two run folders, got 1\. For example/);
});

test('`sous serve` refuses a bad port and a missing folder with exit 2', async () => {
  const port = await sous('serve', '--port', '70000');
  assert.is(port.status, 2);
  assert.match(port.stderr, /--port takes a port number from 0 to 65535, not "70000"/);
  const missing = await sous('serve', path.join(parent, 'nope'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /runs folder not found/);
});

test('`sous serve RUNS --port 0` serves the runs until Ctrl-C, then exits 0', async () => {
  const child = spawn(process.execPath, [...NODE_ARGS, 'serve', path.join(parent, 'runs'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const url = await hangGuard(
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const found = stdout.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (found) resolve(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    }),
    'sous serve printing its address',
  );
  const page = await (await fetch(`${url}runs/b/`)).text();
  assert.match(page, /"live":"\/runs\/b\/events"/);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  assert.is(await hangGuard(exited, 'sous serve exiting on SIGINT'), 0);
});

test.run();
