// Rows of a benchmark table measured in processes of their own: PyTorch in its three
// configurations, and the TypeScript measurement scripts (sous, plain tfjs) compiled to plain
// JavaScript on the built packages (compiled.ts). Shared by the workloads (grpo/run.ts, dsm-mlp/run.ts).
import { execFileSync } from 'node:child_process';
import { compiledScript } from './compiled.js';
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

/** Runs a TypeScript measurement script, compiled, in a fresh Node process; its last stdout line as a row.
 * Its stderr is shown as it comes, unless `quiet`: then it is kept for the error of a failed run. */
export function nodeRow(
  file: string,
  args: string[],
  { env = benchEnv(), label, quiet = false }: { env?: NodeJS.ProcessEnv; label?: string; quiet?: boolean } = {},
): Row {
  log(`running ${file} ${args.join(' ')}${label ? ` (${label})` : ''} ...`);
  const out = execFileSync(process.execPath, [compiledScript(file), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'],
    maxBuffer: 1 << 24,
    env,
  });
  const row = JSON.parse(out.trim().split('\n').pop()!) as Row;
  return label ? { ...row, implementation: `${row.implementation}, ${label}` } : row;
}

/** A secondary row (sous on plain wasm, the plain tfjs script) that may not finish on a large
 * workload (wasm's heap is 4 GiB at most): `measure` runs it with a quiet stderr, and a failure
 * becomes a line in `notes` naming the child's own error instead of ending the benchmark. */
export function optionalRow(name: string, measure: () => Row, notes: Set<string>): Row[] {
  try {
    return [measure()];
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? 'see --debug';
    log(`${name} did not finish: ${reason.slice(0, 240)}`);
    notes.add(`${name}: did not finish (${reason.slice(0, 240)})`);
    return [];
  }
}
