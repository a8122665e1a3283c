// Mode coverage against a known Gaussian mixture: a sample is "near a mode" when its squared
// Mahalanobis distance to its most responsible component is at most 9 d (three standard
// deviations per dimension); a mode is covered when it holds at least a quarter of the samples
// its weight predicts.
import type { GaussianMixture } from '../data/gaussian-mixture.js';

export interface Coverage {
  modesCovered: number;
  modes: number;
  /** Fraction of samples near some mode. */
  nearMode: number;
}

export function modeCoverage(mixture: GaussianMixture, values: Float32Array): Coverage {
  const d = mixture.dim,
    n = values.length / d;
  const { component, mahalanobis2 } = mixture.nearest(values);
  const counts = new Float64Array(mixture.components.length);
  let near = 0;
  for (let row = 0; row < n; row++) {
    if (mahalanobis2[row] > 9 * d) continue;
    near++;
    counts[component[row]]++;
  }
  const modesCovered = mixture.components.filter((c, k) => counts[k] >= 0.25 * c.weight * n).length;
  return { modesCovered, modes: mixture.components.length, nearMode: near / n };
}

/** Fraction of labelled samples whose most probable class under the mixture is their label. */
export function classAccuracy(mixture: GaussianMixture, values: Float32Array, labels: Int32Array): number {
  const predicted = mixture.classify(values);
  let correct = 0;
  for (let row = 0; row < labels.length; row++) if (predicted[row] === labels[row]) correct++;
  return correct / labels.length;
}
