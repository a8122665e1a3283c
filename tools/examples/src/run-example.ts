// One `sous run` of an example at one seed, as a child process (from the TypeScript sources, like
// the tests), and the eval records of the metrics.jsonl it writes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evals } from '@sous/cli/claims';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cliMain = path.join(repositoryRoot, 'packages/cli/src/main.ts');

export interface RunSettings {
  /** Run folders go under it: `<out>/<example>/seed-<n>`. */
  out: string;
  backend?: string;
  /** Caps every stage's steps (a smoke run). */
  steps?: number;
  /** false: `sous run --no-eval`. */
  evals?: boolean;
}

export interface SeedRun {
  seed: number;
  /** `sous run`'s exit code. */
  exitCode: number;
  wallSeconds: number;
  runDir: string;
  /** Its stdout and stderr. */
  log: string;
  /** The last line the run printed to stderr when it failed. */
  error?: string;
  /** Eval records by `stage@step`, metric → value. */
  evals: Record<string, Record<string, number>>;
  /** Lines in metrics.jsonl. */
  records: number;
}

export function runExample(name: string, seed: number, settings: RunSettings): SeedRun {
  const runDir = path.join(settings.out, name, `seed-${seed}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(runDir), { recursive: true });
  const args = [
    '--conditions=source',
    '--import',
    'tsx',
    cliMain,
    'run',
    path.join('examples', `${name}.recipe`),
    '--seed',
    String(seed),
    '--out',
    runDir,
  ];
  if (settings.backend) args.push('--backend', settings.backend);
  if (settings.steps !== undefined) args.push('--steps', String(settings.steps));
  if (settings.evals === false) args.push('--no-eval');
  const started = process.hrtime.bigint();
  // Passive OpenMP waits: on a shared machine the native backend's spinning threads otherwise
  // waste most of their time (its results do not depend on timing, only on the thread count).
  const env = { OMP_WAIT_POLICY: 'PASSIVE', ...process.env };
  const child = spawnSync(process.execPath, args, { cwd: repositoryRoot, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const log = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  const exitCode = child.status ?? 1;
  const metrics = readMetrics(path.join(runDir, 'metrics.jsonl'));
  const lastLine = (child.stderr ?? '').trim().split('\n').pop() || child.error?.message;
  return {
    seed,
    exitCode,
    wallSeconds,
    runDir,
    log,
    evals: metrics.evals,
    records: metrics.records,
    ...(exitCode !== 0 ? { error: lastLine } : {}),
  };
}

/** The eval records of a metrics.jsonl (numeric fields only); a missing file has none. */
export function readMetrics(file: string): { evals: SeedRun['evals']; records: number } {
  if (!fs.existsSync(file)) return { evals: {}, records: 0 };
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const evals: SeedRun['evals'] = {};
  for (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.kind !== 'eval') continue;
    const values: Record<string, number> = {};
    for (const [key, value] of Object.entries(record))
      if (typeof value === 'number' && key !== 'step') values[key] = value;
    evals[`${record.stage}@${record.step}`] = values;
  }
  return { evals, records: lines.length };
}

/** The seeds' eval records side by side: `stage@step` → metric → one value per seed (null where a
 * seed lacks it). Values keep 6 significant digits, more than any table prints. */
export function mergeEvals(runs: SeedRun[]): Evals {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.evals)))];
  const merged: Evals = {};
  for (const key of keys) {
    const metrics = [...new Set(runs.flatMap((run) => Object.keys(run.evals[key] ?? {})))];
    merged[key] = Object.fromEntries(
      metrics.map((metric) => [
        metric,
        runs.map((run) => {
          const value = run.evals[key]?.[metric];
          return value === undefined ? null : Number(value.toPrecision(6));
        }),
      ]),
    );
  }
  return merged;
}
