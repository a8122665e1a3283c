// The measuring side of memory-steady.test.ts, in a process of its own so that its resident
// memory is this run's alone: 1,000 steps of examples/grpo-arithmetic.recipe through the runtime,
// printing after every step TensorFlow.js's tensor count and bytes and the process's RSS as one
// JSON array on stdout.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { Executor, StageRunner, loadRegistry, selectBackend } from '@sous/runtime';

const example = fileURLToPath(new URL('../../../examples/grpo-arithmetic.recipe', import.meta.url));
export const STEPS = { sft: 600, grpo: 400 };

export interface Sample {
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

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runMainJob()));
