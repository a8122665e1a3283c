// The timing protocol of shared/bench/grpo-tiny.md (every workload's) and the row every
// implementation reports.
import { performance } from 'node:perf_hooks';

export const WARMUP = 2;
export const RUNS = 5;

/** One line of the table (`--json` prints these). */
export interface Row {
  implementation: string;
  backend: string;
  threads: number;
  sample_tok_s: number;
  train_tok_s: number;
  /** Median milliseconds of a training step (phase B). */
  ms_per_step: number;
  /** Median milliseconds of a sampling run (phase A). */
  sample_ms?: number;
  /** Timed runs reached (5 unless a time budget stopped the phase early). */
  runs?: number;
  /** The process's peak resident memory in MiB (its whole run: weights, activations, runtime). */
  peak_rss_mb?: number;
  /** Milliseconds per step by part, for implementations that profile (sous). */
  profile?: Record<string, number>;
  /** Milliseconds by TensorFlow.js kernel of one profiled step (sous with --kernels). */
  kernels?: Record<string, number>;
}

/** This process's peak resident memory so far, in MiB (resourceUsage's maxRSS is in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 2 warm-ups then 5 timed runs of `run`; the median. Past `budgetMs` it skips the warm-ups
 * left and stops after the first timed run that ends over budget, and says how many it timed. */
export async function medianRuns(
  budgetMs: number,
  run: () => Promise<void>,
): Promise<{ medianMs: number; runs: number }> {
  const start = performance.now();
  const overBudget = () => performance.now() - start > budgetMs;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await run();
    if (i >= WARMUP) times.push(performance.now() - t0);
    else if (overBudget()) i = WARMUP - 1;
    if (times.length > 0 && overBudget()) break;
  }
  return { medianMs: median(times), runs: times.length };
}
