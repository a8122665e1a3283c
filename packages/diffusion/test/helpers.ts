// Shared test helpers: Gaussians as mixtures, point statistics, fixed distributions, and tolerance checks.
import { GaussianMixture } from '../src/data/gaussian-mixture.js';
import { meanAndCovariance } from '../src/linalg.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';

/** A single Gaussian N(mean, covariance) as a mixture. */
export function gaussian(mean: number[], covariance: number[]): GaussianMixture {
  return new GaussianMixture(mean.length, [{ weight: 1, mean: Float64Array.from(mean), covariance: Float64Array.from(covariance), label: 0 }]);
}

export function stats(values: Float32Array, d: number): { mean: number[]; covariance: number[] } {
  const { mean, covariance } = meanAndCovariance(values, d);
  return { mean: [...mean], covariance: [...covariance] };
}

export function close(actual: number, expected: number, tolerance: number, what = ''): void {
  if (!(Math.abs(actual - expected) <= tolerance)) throw new Error(`${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

/** Unit roundoff of float32 and float64: a rounded operation errs by at most this relative amount. */
export const F32 = 2 ** -24;
export const F64 = 2 ** -53;

/** A 1-D distribution whose test split is `test` and whose every fresh draw is `fresh`, for metrics computed by hand. */
export function fixedDistribution(test: number[], fresh: number[]): Distribution {
  const points = (values: number[]) => makePoints(Float32Array.from(values), 1);
  return { kind: 'distribution', name: 'fixed', dim: 1, classes: 1, train: points(test), test: points(test), sample: () => points(fresh), space: 'data' };
}
