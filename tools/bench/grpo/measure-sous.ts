// The sous row: the workload's recipe (grpo-tiny.recipe, grpo-small.recipe) run by the runtime for
// 2 warm-up steps and 5 timed ones, with its profile. Prints one JSON row (see timing.ts); run.ts
// starts it in a process of its own.
//   node --conditions=source --import tsx measure-sous.ts [--workload grpo-small] [--backend wasm]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { tf } from '@sous/core';
import { createOptimizer, nativeBackendInfo } from '@sous/runtime';
import { benchPolicy } from './plugin.js';
import { benchRecipe, phases, runRecipeSteps, type SousStep } from './sous.js';
import { type Workload, workloadNamed } from './workload.js';
import { RUNS, WARMUP, median, peakRssMb, type Row } from './timing.js';

/** Milliseconds of one AdamW update of the workload's policy (the runtime's optimizer, timed on
 * its own: inside a step it cannot be told apart from the backward pass). */
function adamwUpdateMs(w: Workload): number {
  const model = benchPolicy(w);
  const variables = model.namedVariables();
  const { optimizer, lr } = createOptimizer({ name: 'adamw', params: { lr: 1e-5, weight_decay: 0 } }, variables);
  const grads = new Map([...variables].map(([name, v]) => [name, tf.randomNormal(v.shape)]));
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    optimizer.apply(grads, lr);
    tf.tidy(() => variables.get('wte.weight')!.dataSync());
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  tf.dispose([...grads.values()]);
  optimizer.dispose();
  model.dispose();
  return median(times);
}

/** The profile of the timed steps as ms per step by phase. */
function phaseProfile(steps: SousStep[], adamwMs: number): Record<string, number> {
  const mean = (label: string) => steps.reduce((sum, s) => sum + (s.profile.get(label) ?? 0), 0) / steps.length;
  const nodeTotal =
    steps.reduce(
      (sum, s) => sum + [...s.profile].filter(([k]) => k.startsWith('node ')).reduce((a, [, v]) => a + v, 0),
      0,
    ) / steps.length;
  const stepMs = steps.reduce((sum, s) => sum + s.ms, 0) / steps.length;
  const sampler = mean('node samplers.group');
  const forwards = mean('policy forward') + mean('ref forward');
  return {
    'sampling forward (policy.decode)': mean('policy decode'),
    'sampling bookkeeping (rest of samplers.group)': sampler - mean('policy decode'),
    'reference forward': mean('ref forward'),
    'policy forward': mean('policy forward'),
    'other nodes (rewards, advantages, masks, loss arithmetic)': nodeTotal - sampler - forwards,
    'backward + gradient norms (rest of the step)': stepMs - nodeTotal - adamwMs,
    'AdamW update (timed apart)': adamwMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: 'grpo-tiny' },
      backend: { type: 'string' },
      kernels: { type: 'boolean', default: false },
    },
  });
  const w = workloadNamed(values.workload!);
  // With --kernels, one more step runs under tf.profile after the timed ones.
  const run = await runRecipeSteps(benchRecipe(w), {
    backend: values.backend,
    steps: WARMUP + RUNS + (values.kernels ? 1 : 0),
    kernels: values.kernels,
  });
  const timed = run.steps.slice(WARMUP);
  const sampleMs = median(timed.map((s) => phases(s).sampleMs));
  const trainMs = median(timed.map((s) => phases(s).trainMs));
  const row: Row = {
    implementation: `sous (${w.name}.recipe)`,
    backend: run.backend,
    threads: run.backend === 'native' ? nativeBackendInfo()!.threads : 1,
    sample_tok_s: (w.sequences * w.newTokens) / (sampleMs / 1000),
    train_tok_s: (w.sequences * w.length) / (trainMs / 1000),
    ms_per_step: trainMs,
    sample_ms: sampleMs,
    runs: timed.length,
    peak_rss_mb: peakRssMb(),
    profile: phaseProfile(timed, adamwUpdateMs(w)),
    kernels: run.kernels && Object.fromEntries([...run.kernels].filter(([, ms]) => ms >= 1)),
  };
  console.log(JSON.stringify(row));
}

await main();
