// Rows of a benchmark table measured in processes of their own: PyTorch in its three
// configurations, and TypeScript measurement scripts (sous, plain tfjs) run with tsx. Shared by
// the workloads (grpo/run.ts, dsm-mlp/run.ts).
import { execFileSync } from 'node:child_process';
import { benchEnv, runReference } from './grpo/reference.js';
import type { Row } from './grpo/timing.js';

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

const TORCH_CONFIGS = [
  { threads: 1, omp: 'PASSIVE', label: 'PyTorch, OMP_WAIT_POLICY=PASSIVE' },
  { threads: 2, omp: 'PASSIVE', label: 'PyTorch, OMP_WAIT_POLICY=PASSIVE' },
  { threads: 2, omp: undefined, label: 'PyTorch (default OpenMP)' },
];

/** The reference script (`script`, grpo's by default) with 1 thread, 2 threads with
 * OMP_WAIT_POLICY=PASSIVE and 2 with the default policy; `args` go to every run. */
export function torchRows(args: string[], script?: string): Row[] {
  return TORCH_CONFIGS.map(({ threads, omp, label }) => {
    log(`running PyTorch, ${threads} thread(s)${omp ? `, OMP_WAIT_POLICY=${omp}` : ''} ...`);
    const out = runReference([...args, '--threads', String(threads)], omp, { script }) as Row & {
      torch: string;
      blas?: string;
    };
    return {
      ...out,
      implementation: label,
      backend: `torch ${out.torch}${out.blas ? `, ${out.blas}` : ''}`,
      threads,
    };
  });
}

/** Runs a TypeScript measurement script in a fresh Node process; its last stdout line as a row. */
export function nodeRow(file: string, args: string[], env = benchEnv(), label?: string): Row {
  log(`running ${file} ${args.join(' ')}${label ? ` (${label})` : ''} ...`);
  const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
    env,
  });
  const row = JSON.parse(out.trim().split('\n').pop()!) as Row;
  return label ? { ...row, implementation: `${row.implementation}, ${label}` } : row;
}

/** A secondary row (sous on plain wasm, the plain tfjs script) that may not finish on a large
 * workload (wasm's heap is 4 GiB at most): its failure becomes a line in `notes` instead of ending
 * the benchmark, whose other rows are still printed. */
export function optionalRow(name: string, measure: () => Row, notes: string[]): Row[] {
  try {
    return [measure()];
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`${name} did not finish (${reason}); the table goes on without it`);
    notes.push(`${name}: did not finish (its error is printed above the table)`);
    return [];
  }
}
