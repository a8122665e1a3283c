// Analytic gradients against central finite differences of a float64 reference loss, a few
// random entries of every weight.
import * as assert from 'uvu/assert';
import type { Rng } from '@sous/core';
import type { Weights } from './reference-gpt.js';

/** Checks `perWeight` random entries of each weight; returns how many were checked. */
export function checkFiniteDifferences(
  weights: Weights,
  referenceLoss: (exact: Weights) => number,
  analytic: Map<string, ArrayLike<number>>,
  rng: Rng,
  perWeight: number,
): number {
  // float64 weights for the finite differences (a copy, perturbed one entry at a time).
  const exact: Weights = new Map([...weights].map(([n, w]) => [n, { shape: w.shape, values: Array.from(w.values) }]));
  const eps = 1e-6;
  let checked = 0;
  for (const [name, w] of exact) {
    const values = w.values as number[];
    for (let k = 0; k < perWeight; k++) {
      const i = rng.int(values.length);
      const saved = values[i];
      values[i] = saved + eps;
      const up = referenceLoss(exact);
      values[i] = saved - eps;
      const down = referenceLoss(exact);
      values[i] = saved;
      const numeric = (up - down) / (2 * eps);
      const gradient = analytic.get(name)![i];
      assert.ok(
        Math.abs(numeric - gradient) <= 2e-3 * Math.max(1, Math.abs(numeric)),
        `${name}[${i}]: analytic ${gradient}, numeric ${numeric}`,
      );
      checked++;
    }
  }
  return checked;
}
