// diffusion.sliced_wasserstein: sliced 2-Wasserstein distance to the test split, with the truth-vs-truth yardstick.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { randomDirections, slicedWasserstein as swOf } from '../metrics/sliced-wasserstein.js';
import { comparedInputs, comparedMessages, pair } from './compared-inputs.js';
import { SLICED_WASSERSTEIN } from '@sous/core/references';

export const slicedWasserstein = defineNode({
  name: 'sliced_wasserstein',
  kind: 'eval',
  doc:
    'Sliced 2-Wasserstein distance √(mean_θ W2²(θᵀX, θᵀY)) between the samples and the test split over ' +
    '`projections` random directions; `sliced_wasserstein_truth` is the same distance for as many fresh ' +
    'ground-truth points (the floor set by sample size).',
  references: [SLICED_WASSERSTEIN],
  params: z.object({ projections: z.number().int().min(1).max(10_000).default(64).describe('Random directions.') }),
  inputs: comparedInputs,
  output: 'Metrics',
  messages: comparedMessages,
  run({ samples, data }, { projections }, ctx): Metrics {
    const { points, distribution } = pair(samples, data, ctx.fail);
    const directions = randomDirections(projections, points.dim, ctx.rng.fork('directions'));
    const fresh = distribution.sample(points.count, ctx.rng.fork('truth'));
    return {
      sliced_wasserstein: swOf(points.values, distribution.test.values, points.dim, directions),
      sliced_wasserstein_truth: swOf(fresh.values, distribution.test.values, points.dim, directions),
    };
  },
});
