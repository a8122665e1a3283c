// Variance-preserving processes (α² + σ² = 1): the linear β schedule of DDPM / score SDEs, and
// the cosine schedule of improved DDPM (Nichol & Dhariwal).
import { uniformGrid, uniformTimes, type NoiseSchedule } from './schedule.js';

/** β(t) = β_min + t (β_max − β_min); α(t) = exp(−½ ∫₀ᵗ β); f = −β/2, g² = β. */
export function vpLinear(betaMin: number, betaMax: number, tMin: number): NoiseSchedule {
  const beta = (t: number) => betaMin + t * (betaMax - betaMin);
  const logAlpha = (t: number) => -0.5 * (betaMin * t + 0.5 * (betaMax - betaMin) * t * t);
  return {
    kind: 'schedule',
    name: `vp(linear, beta ${betaMin}..${betaMax})`,
    tMin,
    tMax: 1,
    space: 'data',
    alpha: (t) => Math.exp(logAlpha(t)),
    sigma: (t) => Math.sqrt(-Math.expm1(2 * logAlpha(t))),
    shift: () => 0,
    sde: (t) => ({ f: -0.5 * beta(t), c: 0, g2: beta(t) }),
    trainTimes: (count, rng) => uniformTimes(count, rng, tMin, 1),
    grid: (steps) => uniformGrid(1, tMin, steps),
  };
}

/** α(t) = cos(φ(t)) / cos(φ(0)), φ(t) = (t + s)/(1 + s) · π/2; f = d log α/dt = −φ' tan φ,
 * g² = −2f (variance preserving). tMax < 1 keeps α away from 0. */
export function vpCosine(offset: number, tMin: number, tMax: number): NoiseSchedule {
  const phi = (t: number) => ((t + offset) / (1 + offset)) * (Math.PI / 2);
  const alpha = (t: number) => Math.cos(phi(t)) / Math.cos(phi(0));
  const f = (t: number) => -(Math.PI / 2 / (1 + offset)) * Math.tan(phi(t));
  return {
    kind: 'schedule',
    name: `vp(cosine, s ${offset})`,
    tMin,
    tMax,
    space: 'data',
    alpha,
    sigma: (t) => Math.sqrt(Math.max(0, 1 - alpha(t) ** 2)),
    shift: () => 0,
    sde: (t) => ({ f: f(t), c: 0, g2: -2 * f(t) }),
    trainTimes: (count, rng) => uniformTimes(count, rng, tMin, tMax),
    grid: (steps) => uniformGrid(tMax, tMin, steps),
  };
}
