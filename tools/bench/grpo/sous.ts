// The sous side of the benchmarks: a recipe compiled and run by the real runtime (Executor and
// StageRunner, as `sous run` does, without a run folder), step by step, with a profile of each
// step. The sampler node is phase A; the rest of the step is phase B.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { checkAndCompile, parse, render, usedPackages, type Plan } from '@sous/dsl';
import { SousError, tf } from '@sous/core';
import { Executor, StageRunner, loadRegistry, selectBackend, type StepRecord } from '@sous/runtime';
import { Profile } from './profile.js';
import { WORKLOADS, type Workload } from './workload.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The workload's benchmark recipe (`grpo-tiny.recipe`, `grpo-small.recipe`). */
export const benchRecipe = (w: Workload) => path.join(here, `${w.name}.recipe`);
/** The workload's check recipe: 5 steps on the fixed check batch. */
export const checkRecipe = (w: Workload) => path.join(here, `${w.name}-check.recipe`);
/** The sampler's node (samplers.group): its time is phase A. */
const SAMPLER = 'node samplers.group';

export interface SousStep {
  record: StepRecord;
  ms: number;
  /** Milliseconds by label (see Profile), this step only. */
  profile: Map<string, number>;
}

export interface SousRun {
  backend: string;
  steps: SousStep[];
  /** Kernel milliseconds of the last step by kernel name (with `kernels: true`). */
  kernels?: Map<string, number>;
}

async function compile(
  file: string,
): Promise<{ plan: Plan; plugins: Awaited<ReturnType<typeof loadRegistry>>['loaded'] }> {
  const source = fs.readFileSync(file, 'utf8');
  const registry = await loadRegistry(usedPackages(parse(source, file).ast), path.dirname(file));
  const { diagnostics, plan } = checkAndCompile(source, file, registry);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!plan || errors.length > 0)
    throw new SousError(`the benchmark recipe does not compile:\n${errors.map((d) => render(d, source)).join('\n')}`, {
      file,
    });
  return { plan, plugins: registry.loaded };
}

/** Runs the recipe's single stage for `steps` steps (default the recipe's) on `backend` (default:
 * sous's automatic choice). `kernels` runs the last step under tf.profile (slower; not timed).
 * `afterSteps` runs with the trained executor before its models are disposed (dsm-mlp times
 * sampling with the trained denoiser there). */
export async function runRecipeSteps(
  file: string,
  options: {
    backend?: string;
    steps?: number;
    kernels?: boolean;
    afterSteps?: (executor: Executor) => Promise<void> | void;
  } = {},
): Promise<SousRun> {
  const { plan, plugins } = await compile(file);
  const backend = await selectBackend(options.backend);
  const profile = new Profile();
  const executor = await Executor.start({
    plan,
    plugins: profile.instrument(plugins),
    tf: backend.tf,
    backend: backend.name,
    seed: typeof plan.settings.seed === 'number' ? plan.settings.seed : 0,
    recipeDir: path.dirname(file),
    runDir: null,
  });
  const runner = await StageRunner.open(executor, plan.stages[0], options.steps);
  const steps: SousStep[] = [];
  let kernels: Map<string, number> | undefined;
  try {
    profile.take();
    const timedSteps = options.kernels ? runner.steps - 1 : runner.steps;
    for (let step = 0; step < timedSteps; step++) {
      const start = performance.now();
      const { train } = await runner.step(step);
      steps.push({ record: train, ms: performance.now() - start, profile: profile.take() });
    }
    if (options.kernels) kernels = await kernelTimes(() => runner.step(timedSteps));
    await options.afterSteps?.(executor);
  } finally {
    runner.dispose();
    for (const { model } of executor.allModels()) (model as { dispose?: () => void }).dispose?.();
  }
  return { backend: backend.name, steps, kernels };
}

/** Milliseconds by kernel name of everything `run` executes. */
async function kernelTimes(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const info = await tf.profile(async () => {
    await run();
    return [];
  });
  const times = new Map<string, number>();
  // Custom gradients appear as entries named after their scope, which contain kernels: skip them.
  const kernels = info.kernels.filter((kernel) => tf.getKernel(kernel.name, tf.getBackend()) !== undefined);
  for (const kernel of kernels) {
    // Batched (rank-3) products take wasm's slow path: count them apart from the 2-D ones.
    const batched = kernel.name === 'BatchMatMul' && kernel.inputShapes[0].length === 3 && kernel.inputShapes[0][0] > 1;
    const name = batched
      ? 'BatchMatMul (rank 3: attention)'
      : kernel.name === 'BatchMatMul'
        ? 'BatchMatMul (2-D)'
        : kernel.name;
    times.set(name, (times.get(name) ?? 0) + Number(kernel.kernelTimeMs));
  }
  return times;
}

/** Phase A and phase B milliseconds of one step. */
export function phases(step: SousStep): { sampleMs: number; trainMs: number } {
  const sampleMs = step.profile.get(SAMPLER) ?? 0;
  return { sampleMs, trainMs: step.ms - sampleMs };
}

export interface CheckRow {
  loss: number;
  mean_logp: number;
  mean_kl: number;
}

/** The check batch through the check recipe: loss, mean logp and mean kl of each step. */
export async function sousCheck(
  steps: number,
  backend?: string,
  w: Workload = WORKLOADS['grpo-tiny'],
): Promise<CheckRow[]> {
  const run = await runRecipeSteps(checkRecipe(w), { backend, steps });
  return run.steps.map(({ record }) => ({
    loss: Number(record.loss),
    mean_logp: Number(record['rollouts.mean_logp']),
    mean_kl: Number(record['rollouts.mean_kl']),
  }));
}
