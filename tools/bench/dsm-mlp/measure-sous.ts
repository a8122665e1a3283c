// The sous row of dsm-mlp: dsm-mlp.recipe run by the runtime for 200 warm-up steps and 100 timed
// training steps (workload.ts), then 2 + 5 sampling runs (2,000 points, 200 DDPM steps) with the trained
// denoiser through the diffusion plugin's sampler. Prints one JSON row (see ../grpo/timing.ts).
//   node --conditions=source --import tsx measure-sous.ts [--backend wasm]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Rng } from '@sous/core';
import { type Denoiser, type NoiseSchedule, sampleChain } from '@sous/diffusion';
import { nativeBackendInfo, type Executor } from '@sous/runtime';
import { runRecipeSteps } from '../grpo/sous.js';
import { RUNS, WARMUP, median, peakRssMb, type Row } from '../grpo/timing.js';
import { BATCH, SAMPLES, SAMPLE_STEPS, TRAIN_RUNS, TRAIN_WARMUP } from './workload.js';

const RECIPE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dsm-mlp.recipe');

/** The value of the top-level node bound to `binding` (`score`, `schedule`). */
function bound<T>(executor: Executor, binding: string): T {
  const node = executor.plan.nodes.find((n) => n.binding === binding)!;
  return executor.topValues.get(node.id) as T;
}

/** Median milliseconds of a 2,000-point, 200-step DDPM run, after the warm-ups. */
function samplingMs(executor: Executor): number {
  const model = bound<Denoiser>(executor, 'score');
  const schedule = bound<NoiseSchedule>(executor, 'schedule');
  const rng = new Rng('dsm-mlp/sampling');
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    sampleChain(model, schedule, SAMPLES, { method: 'ddpm', steps: SAMPLE_STEPS, labels: null, guidance: 1 }, rng);
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  return median(times);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { backend: { type: 'string' } } });
  let sampleMs = Number.NaN;
  const run = await runRecipeSteps(RECIPE, {
    backend: values.backend,
    steps: TRAIN_WARMUP + TRAIN_RUNS,
    afterSteps: (executor) => {
      sampleMs = samplingMs(executor);
    },
  });
  const trainMs = median(run.steps.slice(TRAIN_WARMUP).map((s) => s.ms));
  const row: Row = {
    implementation: 'sous (dsm-mlp.recipe)',
    backend: run.backend,
    threads: run.backend === 'native' ? nativeBackendInfo()!.threads : 1,
    // "tokens" are points here: rows of a training batch, points carried through a sampling run.
    sample_tok_s: SAMPLES / (sampleMs / 1000),
    train_tok_s: BATCH / (trainMs / 1000),
    ms_per_step: trainMs,
    sample_ms: sampleMs,
    runs: RUNS,
    peak_rss_mb: peakRssMb(),
  };
  console.log(JSON.stringify(row));
}

await main();
