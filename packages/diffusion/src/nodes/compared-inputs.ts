// The two inputs the eval nodes that compare samples with ground truth share, and their check.
import type { Fail } from '@sous/core';
import { checkDim, pointsMessages } from '../checks.js';
import type { Distribution } from '../data/distribution.js';
import type { Points } from '../points.js';

export const comparedInputs = {
  samples: { type: 'Points', doc: 'The drawn points.' },
  data: { type: 'Distribution', doc: 'The ground-truth distribution (its test split is the reference).' },
} as const;

/** What `pair` can fail with: spread into the node's messages. */
export const comparedMessages = pointsMessages;

/** The samples, checked against the distribution's dimension, and the distribution. */
export function pair(samples: Points, data: Distribution, fail: Fail<keyof typeof comparedMessages>) {
  return { points: checkDim(samples, data.dim, fail), distribution: data };
}
