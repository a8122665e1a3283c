// Judging a claim against the values measured over seeds.
import { maxOf } from '@sous/core';
import type { Claim, Evals, Example, MetricRef } from './claims.js';

export interface Spread {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one seed. */
  sd: number;
}

export function spread(values: number[]): Spread {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const squares = values.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  return { mean, sd: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0 };
}

/** The `stage@step` key of the eval record `ref` names ("last": the stage's highest step). */
export function recordKey(evals: Evals, ref: Pick<MetricRef, 'stage' | 'step'>): string | undefined {
  if (ref.step !== 'last') return `${ref.stage}@${ref.step}` in evals ? `${ref.stage}@${ref.step}` : undefined;
  const steps = Object.keys(evals)
    .filter((key) => key.startsWith(`${ref.stage}@`))
    .map((key) => Number(key.split('@')[1]));
  return steps.length > 0 ? `${ref.stage}@${maxOf(steps)}` : undefined;
}

/** Per-seed values of `ref`, or a reason they are missing. */
export function valuesOf(evals: Evals, ref: MetricRef): number[] | string {
  const key = recordKey(evals, ref);
  if (!key) return `no eval record for stage "${ref.stage}" at step ${ref.step}`;
  const values = evals[key][ref.metric];
  if (!values)
    return `the eval record ${key} has no metric "${ref.metric}" (it has ${Object.keys(evals[key]).join(', ')})`;
  if (values.some((v) => v === null)) return `${key} ${ref.metric} is missing for some seeds`;
  return values as number[];
}

/** The claim's per-seed values: its metric, minus the paired reference when it has one. */
export function claimValues(claim: Claim, evals: Evals): number[] | string {
  const values = valuesOf(evals, claim);
  if (typeof values === 'string' || !claim.minus) return values;
  const baseline = valuesOf(evals, {
    stage: claim.minus.stage ?? claim.stage,
    step: claim.minus.step ?? claim.step,
    metric: claim.minus.metric ?? claim.metric,
  });
  if (typeof baseline === 'string') return baseline;
  return values.map((v, i) => v - baseline[i]);
}

const comparisons = {
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
} as const;

export interface Judgement {
  /** Whether the claim holds over these seeds; undefined when it cannot be judged. */
  holds?: boolean;
  /** How the verdict was reached, e.g. "3 of 3 > 0" or "|0.741 − 0.756| ≤ 0.040". */
  detail: string;
}

/** Judges `claim` on `values`, one per seed, from the first `values.length` of the example's
 * `recordedSeeds` seeds. With fewer seeds than recorded, a k-of-n claim fails only once it can
 * no longer hold whatever the other seeds give, and a mean's tolerance widens by √(n/m), as the
 * standard error of a mean of m draws against n. */
export function judge(claim: Claim, values: number[], recordedSeeds: number): Judgement {
  const m = values.length;
  if (claim.form === 'k_of_n') {
    const count = values.filter((v) => comparisons[claim.compare](v, claim.threshold)).length;
    const needed = claim.k - (recordedSeeds - m);
    const over =
      m < recordedSeeds ? ` (needs ${Math.max(needed, 0)} of these ${m}: ${claim.k} of ${recordedSeeds} recorded)` : '';
    return {
      holds: count >= needed,
      detail: `${count} of ${m} ${claim.compare} ${formatNumber(claim.threshold)}${over}`,
    };
  }
  if (claim.expected === null || claim.tolerance === null) return { detail: 'no expected value recorded' };
  const tolerance = claim.tolerance * Math.sqrt(recordedSeeds / m);
  const { mean } = spread(values);
  const widened =
    m < recordedSeeds ? ` (tolerance ${formatNumber(claim.tolerance)} widened for ${m} of ${recordedSeeds} seeds)` : '';
  return {
    holds: Math.abs(mean - claim.expected) <= tolerance,
    detail: `|${formatNumber(mean)} − ${formatNumber(claim.expected)}| ≤ ${formatNumber(tolerance)}${widened}`,
  };
}

export type Status = 'pass' | 'not reproduced' | 'FAIL' | 'CHANGED' | 'not measured';

/** A judgement against the verdict on record: a claim recorded as not reproduced that still
 * fails is consistent; one that now holds has changed (re-measure and --update). */
export function status(claim: Claim, judgement: Judgement): Status {
  if (judgement.holds === undefined) return 'not measured';
  if (claim.expect === 'holds') return judgement.holds ? 'pass' : 'FAIL';
  return judgement.holds ? 'CHANGED' : 'not reproduced';
}

/** A claim's expected outcome in words: "mean 0.756 ± 0.040" or "≥ 3 of 3 seeds: > 0". */
export function describeExpected(claim: Claim, seeds: number): string {
  if (claim.form === 'mean') {
    return claim.expected === null
      ? 'mean: not measured'
      : `mean ${formatNumber(claim.expected)} ± ${formatNumber(claim.tolerance ?? 0)}`;
  }
  return `${claim.k} of ${seeds} seeds ${claim.compare} ${formatNumber(claim.threshold)}`;
}

/** The quantity a claim is about: "grpo@last accuracy", or a paired difference. */
export function describeQuantity(claim: Claim): string {
  const own = `${claim.stage}@${claim.step} ${claim.metric}`;
  if (!claim.minus) return own;
  const { stage = claim.stage, step = claim.step, metric = claim.metric } = claim.minus;
  return `${own} − ${stage}@${step} ${metric}`;
}

/** Mean ± sd with the per-seed values: "0.741 ± 0.012 (0.730, 0.752, 0.741)". */
export function describeMeasured(values: number[]): string {
  const { mean, sd } = spread(values);
  const perSeed = values.length > 1 ? ` (${values.map(formatNumber).join(', ')})` : '';
  return `${formatNumber(mean)} ± ${formatNumber(sd)}${perSeed}`;
}

/** Three decimals from 0.1 up, two significant digits below (MMDs of 0.0003); 0.000 below 1e-9,
 * which hides float rounding such as the sd of two equal differences (7.85e-17). */
export function formatNumber(x: number): string {
  if (Math.abs(x) < 1e-9) return '0.000';
  // 0.0995 and up round to 0.100 at three decimals; two significant digits would print 0.10.
  return Math.abs(x) >= 0.0995 ? x.toFixed(3) : x.toPrecision(2);
}

/** The tolerance recorded for a mean claim: twice the per-seed standard deviation σ, rounded up
 * to two significant digits, and at least 0.001, the precision the tables print. A fresh mean
 * over 3 other seeds differs from the recorded 3-seed mean by σ·√(2/3) typically, so it lands
 * inside about 98% of the time if the spread is normal. */
export function toleranceFromSpread(values: number[]): number {
  const twice = 2 * spread(values).sd;
  if (twice <= 0.001) return 0.001;
  const scale = 10 ** (Math.floor(Math.log10(twice)) - 1);
  return Number((Math.ceil(twice / scale - 1e-9) * scale).toPrecision(2));
}

/** The claims of `example` judged on `evals` (from the first seeds of its list). */
export function judgeExample(example: Example, evals: Evals | undefined, seedsRun: number) {
  return example.claims.map((claim) => {
    const values = evals ? claimValues(claim, evals) : 'not measured';
    const judgement: Judgement =
      typeof values === 'string' ? { detail: values } : judge(claim, values, example.seeds.length);
    return {
      claim,
      values: typeof values === 'string' ? undefined : values,
      judgement,
      status: status(claim, judgement),
      seedsRun,
      recordedSeeds: example.seeds.length,
    };
  });
}
