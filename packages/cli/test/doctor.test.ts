import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BackendStatus } from '@sous/runtime';
import { describeBackends } from '../src/commands/doctor.js';

const statuses: BackendStatus[] = [
  { name: 'tensorflow-gpu', available: false, reason: 'not installed' },
  { name: 'webgpu', available: false, reason: 'no adapter' },
  { name: 'tensorflow', available: false, reason: 'not installed' },
  { name: 'native', available: true, detail: 'OpenBLAS 0.3.21 (Haswell kernels), 2 threads' },
  { name: 'wasm', available: true },
  { name: 'cpu', available: true },
];

test('lists each backend with its reason and the pick', () => {
  assert.equal(describeBackends(statuses, {}), [
    '  tensorflow-gpu  not available: not installed',
    '  webgpu          not available: no adapter',
    '  tensorflow      not available: not installed',
    '  native          available: OpenBLAS 0.3.21 (Haswell kernels), 2 threads',
    '  wasm            available',
    '  cpu             available',
    '',
    'sous run would use: native (override with --backend NAME or SOUS_BACKEND)',
  ]);
});

test('honours SOUS_BACKEND and explains a bad value', () => {
  assert.is(
    describeBackends(statuses, { SOUS_BACKEND: 'cpu' }).at(-1),
    'sous run would use: cpu (from SOUS_BACKEND) (override with --backend NAME or SOUS_BACKEND)',
  );
  assert.match(
    describeBackends(statuses, { SOUS_BACKEND: 'webgpu' }).at(-1)!,
    /^sous run would fail: SOUS_BACKEND: backend "webgpu" is not available here \(no adapter\)/,
  );
});

test('`sous doctor` prints Node, the backends and the pick, and exits 0', () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const env = { ...process.env };
  delete env.SOUS_BACKEND;
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', main, 'doctor'], {
    encoding: 'utf8',
    env,
  });
  assert.is(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes(`node        ${process.version}`), run.stdout);
  assert.match(run.stdout, /^ {2}wasm +available$/m);
  // The native addon is built by `npm ci` (packages/native): it says what it runs on.
  assert.match(
    run.stdout,
    /^ {2}native +available: OpenBLAS [\d.]+ \(\w+ kernels( from OPENBLAS_CORETYPE)?\), \d+ threads$/m,
  );
  assert.match(run.stdout, /^ {2}cpu +available$/m);
  assert.match(run.stdout, /^sous run would use: \S+/m);
});

test.run();
