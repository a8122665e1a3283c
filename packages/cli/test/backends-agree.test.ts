// The SFT example on its real shapes (batch 64, padded rows of mixed length, d 128) trains the same
// on cpu (the reference), wasm and native: every step's loss and gradient norm agree to float32
// rounding. Long runs still end differently per backend (examples/README.md): training amplifies
// the ~1e-7 rounding differences by orders of magnitude within tens of steps once it is past its
// first hundred — chaos, not a kernel bug, which would show at the first steps as a difference far
// above rounding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSous } from './spawn-sous.js';

const example = fileURLToPath(new URL('../../../examples/sft-arithmetic.recipe', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-backends-agree-'));
// The example as it is, less its eval (greedy decoding of 500 problems is most of a short run on cpu).
const recipe = path.join(scratch, 'sft-arithmetic.recipe');
const withoutEval = fs.readFileSync(example, 'utf8').replace(/^\s*eval every .*\n/m, '');
fs.writeFileSync(recipe, withoutEval);
const STEPS = 5;

interface StepRecord {
  step: number;
  loss: number;
  grad_norm: number;
}

function trainRecords(backend: string): StepRecord[] {
  const out = path.join(scratch, backend);
  const run = spawnSous(['run', recipe, '--backend', backend, '--steps', String(STEPS), '--out', out], {
    cwd: scratch,
  });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`^backend: ${backend}$`, 'm'));
  return fs
    .readFileSync(path.join(out, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((r) => r.kind === undefined);
}

// Tolerances from float32 rounding (ε = 1.2e-7): the loss is a mean over ~700 target tokens and
// the gradient norm a sum over ~400k squares, each reduced in a backend-specific order, so their
// relative rounding is about √n·ε (3e-6 and 8e-5 at worst; measured: 4e-7 and 4e-6). A wrong
// kernel (a mask, an offset, a transposed operand) moves them by 1e-3 or more.
const LOSS_TOLERANCE = 1e-5;
const GRAD_NORM_TOLERANCE = 1e-4;

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('the recipe under test is the example without its eval', () => {
  assert.not.match(withoutEval, /^\s*eval every/m);
  assert.match(withoutEval, /objectives\.nll\(policy, batch\)/);
});

test(`sft-arithmetic: the first ${STEPS} steps agree on cpu, wasm and native to float32 rounding`, () => {
  const reference = trainRecords('cpu');
  assert.equal(
    reference.map((r) => r.step),
    [0, 1, 2, 3, 4],
  );
  for (const backend of ['wasm', 'native']) {
    const records = trainRecords(backend);
    assert.equal(
      records.map((r) => r.step),
      reference.map((r) => r.step),
    );
    records.forEach((r, i) => {
      const loss = relative(r.loss, reference[i].loss),
        gradNorm = relative(r.grad_norm, reference[i].grad_norm);
      assert.ok(
        loss < LOSS_TOLERANCE,
        `${backend} step ${r.step}: loss ${r.loss} vs cpu ${reference[i].loss} (relative ${loss})`,
      );
      assert.ok(
        gradNorm < GRAD_NORM_TOLERANCE,
        `${backend} step ${r.step}: grad_norm ${r.grad_norm} vs cpu ${reference[i].grad_norm} (relative ${gradNorm})`,
      );
    });
    // Training moved: the comparison is not of five copies of the initial loss.
    assert.ok(
      records[STEPS - 1].loss < records[0].loss - 0.1,
      `${backend}: loss ${records[0].loss} → ${records[STEPS - 1].loss}`,
    );
  }
});

test.run();
