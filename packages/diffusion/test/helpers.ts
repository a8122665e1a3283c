// Shared test helpers: Gaussians as mixtures, point statistics, fixed distributions, and tolerance checks.
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { meanAndCovariance } from '../src/linalg.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';

/** A single Gaussian N(mean, covariance) as a mixture. */
export function gaussian(mean: number[], covariance: number[]): GaussianMixture {
  return new GaussianMixture(mean.length, [
    { weight: 1, mean: Float64Array.from(mean), covariance: Float64Array.from(covariance), label: 0 },
  ]);
}

export function stats(values: Float32Array, d: number): { mean: number[]; covariance: number[] } {
  const { mean, covariance } = meanAndCovariance(values, d);
  return { mean: [...mean], covariance: [...covariance] };
}

export function close(actual: number, expected: number, tolerance: number, what = ''): void {
  if (!(Math.abs(actual - expected) <= tolerance))
    throw new Error(`${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

/** Unit roundoff of float32 and float64: a rounded operation errs by at most this relative amount. */
export const F32 = 2 ** -24;
export const F64 = 2 ** -53;

/** A 1-D distribution whose test split is `test` and whose every fresh draw is `fresh`, for metrics computed by hand. */
export function fixedDistribution(test: number[], fresh: number[]): Distribution {
  const points = (values: number[]) => makePoints(Float32Array.from(values), 1);
  return {
    kind: 'distribution',
    name: 'fixed',
    dim: 1,
    classes: 1,
    train: points(test),
    test: points(test),
    sample: () => points(fresh),
    space: 'data',
  };
}

/**
 * Standard errors of the sample mean and the (divided-by-n) sample covariance of row-major points,
 * from the sample's own moments: Var(mean_i) = C_ii/n, Var(Ĉ_ij) ≈ (E[(x_i − μ_i)²(x_j − μ_j)²] − C_ij²)/n.
 */
export function standardErrors(values: Float32Array, d: number): { mean: number[]; covariance: number[] } {
  const n = values.length / d;
  const { mean, covariance } = meanAndCovariance(values, d);
  const fourth = new Float64Array(d * d);
  for (let row = 0; row < n; row++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++)
        fourth[i * d + j] += ((values[row * d + i] - mean[i]) * (values[row * d + j] - mean[j])) ** 2 / n;
    }
  }
  return {
    mean: Array.from(mean, (_, i) => Math.sqrt(covariance[i * d + i] / n)),
    covariance: Array.from(covariance, (c, k) => Math.sqrt((fourth[k] - c * c) / n)),
  };
}
