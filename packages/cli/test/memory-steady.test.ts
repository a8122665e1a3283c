// The main job holds its memory steady: 1,000 steps of examples/grpo-arithmetic.recipe (its 600
// SFT steps, then 400 GRPO steps) through the runtime, with TensorFlow.js's tensor count and
// bytes and the process's resident memory read after every step. After a stage's first steps
// (optimizer slots, caches) no tensor is left behind by a step, and resident memory does not
// creep (a leak of one small tensor a step would add megabytes over a run this long).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { Executor, StageRunner, loadRegistry, selectBackend } from '@sous/runtime';

const example = fileURLToPath(new URL('../../../examples/grpo-arithmetic.recipe', import.meta.url));
const STEPS = { sft: 600, grpo: 400 };
/** Steps after which a stage's allocations are made: optimizer slots, the frozen copy, caches. */
const SETTLE = 20;
/** Resident memory may move with the garbage collector and allocator, not with the step count. */
const RSS_SLACK_MB = 64;

interface Sample {
  stage: string;
  step: number;
  tensors: number;
  bytes: number;
  rssMb: number;
}

async function runMainJob(): Promise<Sample[]> {
  const source = fs.readFileSync(example, 'utf8');
  const registry = await loadRegistry(usedPackages(parse(source, example).ast), path.dirname(example));
  const { plan } = checkAndCompile(source, example, registry);
  assert.ok(plan, 'the main job compiles');
  const backend = await selectBackend();
  const executor = await Executor.start({
    plan: plan!,
    plugins: registry.loaded,
    tf: backend.tf,
    backend: backend.name,
    seed: 7,
    recipeDir: path.dirname(example),
    runDir: null,
  });
  const samples: Sample[] = [];
  for (const stage of plan!.stages) {
    const steps = STEPS[stage.name as keyof typeof STEPS];
    const runner = await StageRunner.open(executor, stage, steps);
    try {
      for (let step = 0; step < steps; step++) {
        await runner.step(step);
        const { numTensors, numBytes } = backend.tf.memory();
        samples.push({
          stage: stage.name,
          step,
          tensors: numTensors,
          bytes: numBytes,
          rssMb: process.memoryUsage().rss / 2 ** 20,
        });
      }
    } finally {
      runner.dispose();
    }
  }
  for (const { model } of executor.allModels()) (model as { dispose?: () => void }).dispose?.();
  return samples;
}

test('1,000 steps of the main job: no tensor left behind by a step, resident memory flat', async () => {
  const samples = await runMainJob();
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
  const settledRss = samples.filter((s) => s.stage === 'grpo' && s.step >= SETTLE).map((s) => s.rssMb);
  const growth = settledRss[settledRss.length - 1] - settledRss[0];
  assert.ok(growth < RSS_SLACK_MB, `resident memory grew ${growth.toFixed(1)} MiB over the GRPO stage's steps`);
});

test.run();
