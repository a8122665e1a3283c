// Same recipe + seed + backend → byte-identical metrics.jsonl, on the native backend with its
// OpenMP team of 2 threads: the main job (SFT, then GRPO with sampled rollouts, evals at the end of
// each stage) for a few steps, twice, in fresh processes. Its shapes are above the sizes at which
// the native products, LayerNorm and its gradient split work between threads, so a reduction whose
// order depended on which thread finishes first would show here. (cpu and wasm: core's train.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSous } from './spawn-sous.js';

const recipe = fileURLToPath(new URL('../../../examples/grpo-arithmetic.recipe', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-determinism-'));

const sous = (threads: number, ...args: string[]) =>
  spawnSous(args, { cwd: scratch, env: { OMP_NUM_THREADS: String(threads) } });

function runTwice(threads: number): Buffer[] {
  return ['a', 'b'].map((name) => {
    const out = path.join(scratch, `${threads}-${name}`);
    const run = sous(threads, 'run', recipe, '--backend', 'native', '--steps', '3', '--seed', '11', '--out', out);
    assert.is(run.status, 0, run.stderr);
    assert.match(run.stdout, /^backend: native$/m);
    return fs.readFileSync(path.join(out, 'metrics.jsonl'));
  });
}

test('native with 2 threads: the doctor reports the team the runs below use', () => {
  const doctor = sous(2, 'doctor');
  assert.is(doctor.status, 0, doctor.stderr);
  assert.match(doctor.stdout, /native\s+available: .*, 2 threads$/m);
});

test('native with 2 threads: two runs of the main job give byte-identical metrics.jsonl', () => {
  const [a, b] = runTwice(2);
  const records = a
    .toString()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  // Both stages trained and evaluated: the comparison covers sampling as well as training.
  assert.equal(
    records.filter((r) => r.kind === 'eval').map((r) => r.stage),
    ['sft', 'grpo'],
  );
  assert.equal(records.filter((r) => r.kind === undefined).length, 6);
  assert.ok(a.equals(b), 'metrics.jsonl differs between two runs with the same seed');
});

test('native with 1 thread: deterministic as well', () => {
  const [a, b] = runTwice(1);
  assert.ok(a.equals(b), 'metrics.jsonl differs between two runs with the same seed');
});

test.run();
