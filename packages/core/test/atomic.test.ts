import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic, writeJsonAtomic } from '../src/atomic.js';
import { formatSousError, SousError } from '../src/errors.js';

const ATOMIC_SOURCE = fileURLToPath(new URL('../src/atomic.ts', import.meta.url));

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sous-atomic-'));
}

async function rejection(promise: Promise<unknown>): Promise<SousError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, SousError);
    return error as SousError;
  }
  throw new Error('expected a SousError');
}

test('writes and then replaces a file, leaving no temp file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'state.bin');
  await writeFileAtomic(file, Uint8Array.from([1, 2, 3]));
  assert.equal([...fs.readFileSync(file)], [1, 2, 3]);
  await writeFileAtomic(file, 'second');
  assert.is(fs.readFileSync(file, 'utf8'), 'second');
  assert.equal(fs.readdirSync(dir), ['state.bin']);
});

test('writeJsonAtomic writes indented JSON with a final newline', async () => {
  const file = path.join(tempDir(), 'run.json');
  await writeJsonAtomic(file, { step: 3, loss: [0.5] });
  assert.is(fs.readFileSync(file, 'utf8'), '{\n  "step": 3,\n  "loss": [\n    0.5\n  ]\n}\n');
});

test('a failed write leaves the previous target untouched, removes its temp file and names the file', async () => {
  const dir = tempDir();
  // The target is a folder that is not empty, so the final rename fails after the data is written.
  const target = path.join(dir, 'checkpoint');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'keep'), 'old');
  const error = await rejection(writeFileAtomic(target, 'new'));
  assert.is(error.file, target);
  assert.match(formatSousError(error), new RegExp(`^${target}: cannot write the file: `));
  assert.equal(fs.readdirSync(dir), ['checkpoint']);
  assert.is(fs.readFileSync(path.join(target, 'keep'), 'utf8'), 'old');
});

test('a missing folder is a SousError naming the file', async () => {
  const file = path.join(tempDir(), 'no-such-folder', 'x.json');
  const error = await rejection(writeJsonAtomic(file, {}));
  assert.is(error.file, file);
  assert.match(error.message, /ENOENT/);
});

/** A child process that rewrites `file` atomically in a loop, each version a 1 MiB run of one byte
 * value, and prints a line after each write. */
function startWriter(file: string) {
  const script = `
    import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(ATOMIC_SOURCE).href)};
    for (let version = 1; ; version++) {
      await writeFileAtomic(${JSON.stringify(file)}, new Uint8Array(1 << 20).fill(version % 251));
      process.stdout.write('wrote ' + version + '\\n');
    }`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

test('killing a writer mid-write never damages the file, and the next write removes its temp file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'weights.bin');
  fs.writeFileSync(file, new Uint8Array(1 << 20).fill(250));
  const child = startWriter(file);
  let writes = 0;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      writes += chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('wrote')).length;
      // Kill it a few writes in, at whatever point of a write it is.
      if (writes >= 5) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  const bytes = fs.readFileSync(file);
  assert.is(bytes.length, 1 << 20);
  assert.ok(
    bytes.every((b) => b === bytes[0]),
    'the file holds exactly one complete version',
  );

  await writeFileAtomic(file, 'after');
  assert.equal(fs.readdirSync(dir), ['weights.bin'], "the dead writer's temp file is gone");
  assert.is(fs.readFileSync(file, 'utf8'), 'after');
});

test('a temp file of a dead writer is removed by the next write', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.json');
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
  const stale = path.join(dir, `.a.json.${deadPid}.3.tmp`);
  fs.writeFileSync(stale, 'half');
  await writeJsonAtomic(file, 1);
  assert.equal(fs.readdirSync(dir), ['a.json']);
});

test('a temp file of a live writer is left alone', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.json');
  // process.ppid is alive (it started this test run).
  const live = path.join(dir, `.a.json.${process.ppid}.1.tmp`);
  fs.writeFileSync(live, 'in progress');
  await writeJsonAtomic(file, 1);
  assert.ok(fs.existsSync(live));
});

test.run();
