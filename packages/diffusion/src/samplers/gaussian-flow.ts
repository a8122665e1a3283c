// The analytical teleport of Wang & Vastola 2024: for Gaussian data N(μ, Σ = U diag(λ) Uᵀ) the probability-flow
// ODE is linear, and along it each eigen-coordinate keeps its standardised value:
//   u_kᵀ(x_s − α_s μ − b_s) = √((α_s² λ_k + σ_s²)/(α_t² λ_k + σ_t²)) · u_kᵀ(x_t − α_t μ − b_t).
// Jumping the early, high-noise part of a trajectory with this map replaces network calls where
// the learned score is nearly Gaussian anyway.
import { meanAndCovariance, symmetricEigen } from '../linalg.js';
import type { NoiseSchedule } from '../schedules/schedule.js';

export interface GaussianFit {
  mean: Float64Array;
  eigenvalues: Float64Array;
  /** Columns are eigenvectors, row-major [d, d]. */
  eigenvectors: Float64Array;
}

export function fitGaussian(values: Float32Array, d: number): GaussianFit {
  const { mean, covariance } = meanAndCovariance(values, d);
  const { values: eigenvalues, vectors } = symmetricEigen(covariance, d);
  return { mean, eigenvalues: eigenvalues.map((v) => Math.max(v, 0)), eigenvectors: vectors };
}

/** Moves rows x (row-major [n, d]) from time t to time s along the Gaussian's probability flow. */
export function gaussianFlow(
  fit: GaussianFit,
  schedule: NoiseSchedule,
  x: Float32Array,
  t: number,
  s: number,
): Float32Array {
  const d = fit.mean.length,
    n = x.length / d;
  const [at, st, bt] = [schedule.alpha(t), schedule.sigma(t), schedule.shift(t)];
  const [as, ss, bs] = [schedule.alpha(s), schedule.sigma(s), schedule.shift(s)];
  const gains = fit.eigenvalues.map((l) => Math.sqrt((as * as * l + ss * ss) / (at * at * l + st * st)));
  const out = new Float32Array(x.length);
  const coordinates = new Float64Array(d);
  for (let row = 0; row < n; row++) {
    for (let k = 0; k < d; k++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += fit.eigenvectors[i * d + k] * (x[row * d + i] - at * fit.mean[i] - bt);
      coordinates[k] = gains[k] * sum;
    }
    for (let i = 0; i < d; i++) {
      let sum = as * fit.mean[i] + bs;
      for (let k = 0; k < d; k++) sum += fit.eigenvectors[i * d + k] * coordinates[k];
      out[row * d + i] = sum;
    }
  }
  return out;
}
