// Sliced 2-Wasserstein distance: the root mean over random unit directions θ of the squared
// 1-D Wasserstein-2 distance between the projections θᵀx and θᵀy. In 1-D, W2 compares sorted
// values quantile by quantile (sets of different sizes are compared at the larger set's
// quantile levels).
import type { Rng } from '@sous/core';

function projectSorted(values: Float32Array, d: number, direction: Float64Array): Float64Array {
  const n = values.length / d;
  const out = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    let sum = 0;
    for (let i = 0; i < d; i++) sum += values[row * d + i] * direction[i];
    out[row] = sum;
  }
  return out.sort();
}

/** Mean of (F_a⁻¹(q) − F_b⁻¹(q))² over q = (i + ½)/m, m the larger size. */
export function squaredW2Sorted(a: Float64Array, b: Float64Array): number {
  const m = Math.max(a.length, b.length);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const q = (i + 0.5) / m;
    const diff = a[Math.floor(q * a.length)] - b[Math.floor(q * b.length)];
    total += diff * diff;
  }
  return total / m;
}

/** Random unit directions in d dimensions (normalised Gaussian draws). */
export function randomDirections(count: number, d: number, rng: Rng): Float64Array[] {
  return Array.from({ length: count }, () => {
    const v = Float64Array.from({ length: d }, () => rng.normal());
    const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
    return v.map((x) => x / norm);
  });
}

export function slicedWasserstein(a: Float32Array, b: Float32Array, d: number, directions: Float64Array[]): number {
  let total = 0;
  for (const direction of directions)
    total += squaredW2Sorted(projectSorted(a, d, direction), projectSorted(b, d, direction));
  return Math.sqrt(total / directions.length);
}
