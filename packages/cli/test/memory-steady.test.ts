// The main job holds its memory steady: 1,000 steps of examples/grpo-arithmetic.recipe (its 600
// SFT steps, then 400 GRPO steps) in a process of its own (memory-run.ts), with TensorFlow.js's
// tensor count and bytes and the process's resident memory read after every step. After a stage's
// first steps (optimizer slots, caches) no tensor is left behind by a step, and resident memory
// does not creep (a leak of one small tensor a step would add megabytes over a run this long).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { STEPS, type Sample } from './memory-run.js';

/** Steps after which a stage's allocations are made: optimizer slots, the frozen copy, caches. */
const SETTLE = 20;
/** Resident memory, read after a full collection, may move with the allocator, not with the step count. */
const RSS_SLACK_MB = 64;

test('1,000 steps of the main job: no tensor left behind by a step, resident memory flat', () => {
  const runner = fileURLToPath(new URL('./memory-run.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', runner], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const samples = JSON.parse(out.trim().split('\n').pop()!) as Sample[];
  assert.is(samples.length, STEPS.sft + STEPS.grpo);
  for (const stage of Object.keys(STEPS)) {
    const settled = samples.filter((s) => s.stage === stage && s.step >= SETTLE);
    const first = settled[0];
    const grown = settled.filter((s) => s.tensors !== first.tensors || s.bytes !== first.bytes);
    assert.equal(
      grown.slice(0, 3),
      [],
      `${stage}: ${first.tensors} tensors (${first.bytes} bytes) at step ${SETTLE}, then ${JSON.stringify(grown.slice(0, 3))}`,
    );
  }
  const settledRss = samples
    .filter((s) => s.stage === 'grpo' && s.step >= SETTLE && s.rssMb !== undefined)
    .map((s) => s.rssMb!);
  assert.ok(settledRss.length >= 10, `${settledRss.length} RSS readings`);
  const growth = settledRss[settledRss.length - 1] - settledRss[0];
  assert.ok(growth < RSS_SLACK_MB, `resident memory grew ${growth.toFixed(1)} MiB over the GRPO stage's steps`);
});

test.run();
