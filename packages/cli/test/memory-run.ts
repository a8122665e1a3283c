// The measuring side of memory-steady.test.ts, in a process of its own so that its resident
// memory is this run's alone: 1,000 steps of examples/grpo-arithmetic.recipe through the runtime,
// printing after every step TensorFlow.js's tensor count and bytes, and every GC_EVERY steps the
// process's RSS after a full garbage collection, as one JSON array on stdout. Run with
// --expose-gc: without the collection RSS wanders with V8's garbage (one run of the unchanged
// main job grew 79 MiB in CI; with it, four runs moved by −28 to +7 MiB).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { Executor, StageRunner, loadRegistry, selectBackend } from '@sous/runtime';

const example = fileURLToPath(new URL('../../../examples/grpo-arithmetic.recipe', import.meta.url));
export const STEPS = { sft: 600, grpo: 400 };
/** Steps between RSS readings (each after a full collection, which costs about 0.1 s). */
export const GC_EVERY = 20;

export interface Sample {
  stage: string;
  step: number;
  tensors: number;
  bytes: number;
  /** Resident memory after a full garbage collection, every GC_EVERY steps. */
  rssMb?: number;
}

async function runMainJob(): Promise<Sample[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory-run.ts needs node --expose-gc');
  const source = fs.readFileSync(example, 'utf8');
  const registry = await loadRegistry(usedPackages(parse(source, example).ast), path.dirname(example));
  const { plan } = checkAndCompile(source, example, registry);
  if (!plan) throw new Error('the main job does not compile');
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
        const sample: Sample = { stage: stage.name, step, tensors: numTensors, bytes: numBytes };
        if (step % GC_EVERY === 0) {
          gc();
          sample.rssMb = process.memoryUsage().rss / 2 ** 20;
        }
        samples.push(sample);
      }
    } finally {
      runner.dispose();
    }
  }
  for (const { model } of executor.allModels()) (model as { dispose?: () => void }).dispose?.();
  return samples;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runMainJob()));
