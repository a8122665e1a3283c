// The forward (noising) process every loss and sampler works with:
//   x_t = α(t) x_0 + b(t) + σ(t) ε,  ε ~ N(0, I),
// the solution of the SDE dx = (f(t) x + c(t)) dt + g(t) dW. Time runs from tMin (data) to tMax
// (noise). VP, VE and EDM have b = c = 0; the geometric Brownian motion of Shetty et al. 2025 ("Dale meets Langevin") is a
// drifting VE process in log space (b, c ≠ 0, space "log").
import type { Rng } from '@sous/core';

export interface NoiseSchedule {
  readonly kind: 'schedule';
  /** For messages: `vp(linear)`, `edm`, ... */
  readonly name: string;
  readonly tMin: number;
  readonly tMax: number;
  /** "log": the process runs on log x (positive data); samples are mapped back with exp. */
  readonly space: 'data' | 'log';
  alpha(t: number): number;
  sigma(t: number): number;
  /** b(t): the deterministic shift (0 except for gbm). */
  shift(t: number): number;
  /** The forward SDE's coefficients: drift f(t) x + c(t), squared diffusion g(t)². */
  sde(t: number): { f: number; c: number; g2: number };
  /** Times at which training noises the data (one per row). */
  trainTimes(count: number, rng: Rng): Float64Array;
  /** `steps + 1` decreasing times from tMax to tMin: the sampling grid. */
  grid(steps: number): number[];
}

/** Per-row noise levels at given times, as float arrays ready to become [n, 1] tensors. */
export interface NoiseLevels {
  times: Float32Array;
  alpha: Float32Array;
  sigma: Float32Array;
  shift: Float32Array;
}

export function levelsAt(schedule: NoiseSchedule, times: ArrayLike<number>): NoiseLevels {
  const n = times.length;
  const levels = {
    times: new Float32Array(n),
    alpha: new Float32Array(n),
    sigma: new Float32Array(n),
    shift: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = times[i];
    levels.times[i] = t;
    levels.alpha[i] = schedule.alpha(t);
    levels.sigma[i] = schedule.sigma(t);
    levels.shift[i] = schedule.shift(t);
  }
  return levels;
}

/** `count` rows at the same time t. */
export function levelsAtTime(schedule: NoiseSchedule, t: number, count: number): NoiseLevels {
  return levelsAt(schedule, new Float64Array(count).fill(t));
}

/** `steps + 1` evenly spaced times from tMax down to tMin. */
export function uniformGrid(tMax: number, tMin: number, steps: number): number[] {
  return Array.from({ length: steps + 1 }, (_, i) => tMax + ((tMin - tMax) * i) / steps);
}

/** The time at which σ(t)/α(t) equals `ratio` (bisection: σ/α increases with t). */
export function timeAtNoiseRatio(schedule: NoiseSchedule, ratio: number): number {
  let low = schedule.tMin,
    high = schedule.tMax;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (low + high);
    if (schedule.sigma(mid) / schedule.alpha(mid) < ratio) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

export function uniformTimes(count: number, rng: Rng, tMin: number, tMax: number): Float64Array {
  return Float64Array.from({ length: count }, () => tMin + (tMax - tMin) * rng.uniform());
}
