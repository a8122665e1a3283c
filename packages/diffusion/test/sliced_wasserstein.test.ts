import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { slicedWasserstein } from '../src/nodes/sliced_wasserstein.js';
import { makePoints } from '../src/points.js';
import { close, F64, fixedDistribution } from './helpers.js';

test('sliced_wasserstein in 1-D is W2 for any direction (±1): samples {2, 0} against the test split {1, 0}', () => {
  // Sorted quantiles (0, 2) against (0, 1): W2² = ((0 − 0)² + (2 − 1)²)/2 = ½. The fresh truth {0, 1} is the test split: 0.
  const metrics = runNode<Record<string, number>>(
    slicedWasserstein,
    { samples: makePoints(Float32Array.of(2, 0), 1), data: fixedDistribution([1, 0], [0, 1]) },
    { projections: 3 },
  );
  close(metrics.sliced_wasserstein, Math.SQRT1_2, 4 * F64, 'sliced_wasserstein');
  assert.is(metrics.sliced_wasserstein_truth, 0);
});

test.run();
