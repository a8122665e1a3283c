// The two inputs the eval nodes that compare samples with ground truth share, and their checks.
import { asDistribution } from '../inputs.js';
import { asPoints } from '../points.js';

export const comparedInputs = {
  samples: { type: 'Samples', doc: 'The drawn points.' },
  data: { type: 'Any', doc: 'The ground-truth distribution (its test split is the reference).' },
} as const;

/** The samples, checked against the distribution's dimension, and the distribution. */
export function pair(samples: unknown, data: unknown, where: string) {
  const distribution = asDistribution(data, where);
  const points = asPoints(samples, where, distribution.dim);
  return { points, distribution };
}
