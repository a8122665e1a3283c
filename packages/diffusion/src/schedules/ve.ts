// Variance-exploding processes (α = 1): the geometric σ(t) of score SDEs (NCSN), EDM's σ-as-time
// parametrisation with its ρ grid and log-normal training noise (Karras et al.), and the geometric
// Brownian motion of Shetty et al. 2025 ("Dale meets Langevin") in log space.
import { uniformGrid, uniformTimes, type NoiseSchedule } from './schedule.js';

/** σ(t) = σ_min (σ_max/σ_min)^t on t ∈ [0, 1]; g² = dσ²/dt = 2 σ² ln(σ_max/σ_min). */
export function ve(sigmaMin: number, sigmaMax: number): NoiseSchedule {
  const sigma = (t: number) => sigmaMin * (sigmaMax / sigmaMin) ** t;
  const logRatio = Math.log(sigmaMax / sigmaMin);
  return {
    kind: 'schedule',
    name: `ve(${sigmaMin}..${sigmaMax})`,
    tMin: 0,
    tMax: 1,
    space: 'data',
    alpha: () => 1,
    sigma,
    shift: () => 0,
    sde: (t) => ({ f: 0, c: 0, g2: 2 * sigma(t) ** 2 * logRatio }),
    trainTimes: (count, rng) => uniformTimes(count, rng, 0, 1),
    grid: (steps) => uniformGrid(1, 0, steps),
  };
}

export interface EdmOptions {
  sigmaMin: number;
  sigmaMax: number;
  rho: number;
  /** Training noise: ln σ ~ N(pMean, pStd²), clipped to [σ_min, σ_max]. */
  pMean: number;
  pStd: number;
}

/** t = σ, α = 1, g² = 2t (so the probability-flow ODE is dx/dσ = −σ ∇log p). Grid:
 * σ_i = (σ_max^{1/ρ} + i/N (σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ. */
export function edm({ sigmaMin, sigmaMax, rho, pMean, pStd }: EdmOptions): NoiseSchedule {
  const clip = (s: number) => Math.min(sigmaMax, Math.max(sigmaMin, s));
  return {
    kind: 'schedule',
    name: `edm(${sigmaMin}..${sigmaMax}, rho ${rho})`,
    tMin: sigmaMin,
    tMax: sigmaMax,
    space: 'data',
    alpha: () => 1,
    sigma: (t) => t,
    shift: () => 0,
    sde: (t) => ({ f: 0, c: 0, g2: 2 * t }),
    trainTimes: (count, rng) => Float64Array.from({ length: count }, () => clip(Math.exp(pMean + pStd * rng.normal()))),
    grid: (steps) =>
      uniformGrid(0, 1, steps).map(
        (u) => (sigmaMax ** (1 / rho) + u * (sigmaMin ** (1 / rho) - sigmaMax ** (1 / rho))) ** rho,
      ),
  };
}

/** The geometric Brownian motion of "Dale meets Langevin" (Shetty et al. 2025) dx = μ x dt + s x dW, element-wise, on positive data. In
 * y = log x it is dy = (μ − s²/2) dt + s dW: α = 1, b(t) = (μ − s²/2) t, σ(t) = s √t. */
export function gbm(mu: number, volatility: number, tMin: number, tMax: number): NoiseSchedule {
  const drift = mu - 0.5 * volatility ** 2;
  return {
    kind: 'schedule',
    name: `gbm(mu ${mu}, sigma ${volatility})`,
    tMin,
    tMax,
    space: 'log',
    alpha: () => 1,
    sigma: (t) => volatility * Math.sqrt(t),
    shift: (t) => drift * t,
    sde: () => ({ f: 0, c: drift, g2: volatility ** 2 }),
    trainTimes: (count, rng) => uniformTimes(count, rng, tMin, tMax),
    grid: (steps) => uniformGrid(tMax, tMin, steps),
  };
}
