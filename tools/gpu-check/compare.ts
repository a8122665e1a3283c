// The main job's first steps on two backends (tools/gpu-check/run.sh): every recorded step of the
// SFT stage — fixed batches, so both backends compute the same thing — agrees in loss and gradient
// norm within the tolerances of packages/cli/test/backends-agree.test.ts (float32 rounding in
// another summation order: 1e-5 relative for the loss, 1e-4 for the norm), here ten times looser
// for a GPU's reduction trees and fused multiply–adds. The GRPO stage samples: one token drawn
// differently (logits a rounding apart at a sampling threshold) gives another batch, so its steps
// are listed, not compared.
//   node --conditions=source --import tsx tools/gpu-check/compare.ts RUN_A RUN_B
import fs from 'node:fs';
import path from 'node:path';

const COMPARED_STAGES = new Set(['sft']);
const LOSS_TOLERANCE = 1e-4;
const GRAD_NORM_TOLERANCE = 1e-3;

interface StepRecord {
  stage?: string;
  step: number;
  loss: number;
  grad_norm: number;
  kind?: string;
}

function trainRecords(run: string): StepRecord[] {
  return fs
    .readFileSync(path.join(run, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StepRecord)
    .filter((r) => r.kind === undefined && typeof r.loss === 'number');
}

const [runA, runB] = process.argv.slice(2);
if (!runA || !runB) {
  console.error('usage: compare.ts RUN_A RUN_B (two run folders of the same recipe and steps)');
  process.exit(2);
}
const a = trainRecords(runA);
const b = trainRecords(runB);
let failures = 0;
if (a.length !== b.length || a.length === 0) {
  console.log(`different step counts: ${a.length} and ${b.length}`);
  failures++;
}
const relative = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
for (let i = 0; i < Math.min(a.length, b.length); i++) {
  const loss = relative(a[i].loss, b[i].loss);
  const norm = relative(a[i].grad_norm, b[i].grad_norm);
  const compared = COMPARED_STAGES.has(a[i].stage ?? '');
  const ok = !compared || (loss <= LOSS_TOLERANCE && norm <= GRAD_NORM_TOLERANCE);
  if (!ok) failures++;
  console.log(
    `${(a[i].stage ?? '').padEnd(5)} step ${String(a[i].step).padStart(3)}  loss ${a[i].loss.toExponential(6)} vs ${b[i].loss.toExponential(6)} (rel ${loss.toExponential(1)})  grad_norm rel ${norm.toExponential(1)}${compared ? (ok ? '' : '  DIFFERS') : '  (sampled: not compared)'}`,
  );
}
console.log(
  failures === 0
    ? `agree: the ${[...COMPARED_STAGES].join(', ')} steps within ${LOSS_TOLERANCE} (loss) and ${GRAD_NORM_TOLERANCE} (gradient norm) relative`
    : `DISAGREE at ${failures} step(s)`,
);
process.exitCode = failures === 0 ? 0 : 1;
