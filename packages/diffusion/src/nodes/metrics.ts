// Eval nodes: distances to ground truth (with the same distance between two ground-truth sets as
// the yardstick), mode coverage, class accuracy, positivity.
import { z } from 'zod';
import { SousError, defineNode, type Metrics } from '@sous/core';
import { asDistribution, mixtureOf } from '../inputs.js';
import { asPoints } from '../points.js';
import { classAccuracy as accuracyOf, modeCoverage as coverageOf } from '../metrics/coverage.js';
import { medianDistance, mmd as mmdOf } from '../metrics/mmd.js';
import { randomDirections, slicedWasserstein as swOf } from '../metrics/sliced-wasserstein.js';

const comparedInputs = {
  samples: { type: 'Samples', doc: 'The drawn points.' },
  data: { type: 'Any', doc: 'The ground-truth distribution (its test split is the reference).' },
} as const;

function pair(samples: unknown, data: unknown, where: string) {
  const distribution = asDistribution(data, where);
  const points = asPoints(samples, where, distribution.dim);
  return { points, distribution };
}

export const slicedWasserstein = defineNode({
  name: 'sliced_wasserstein',
  kind: 'eval',
  doc:
    'Sliced 2-Wasserstein distance √(mean_θ W2²(θᵀX, θᵀY)) between the samples and the test split over ' +
    '`projections` random directions; `sliced_wasserstein_truth` is the same distance for as many fresh ' +
    'ground-truth points (the floor set by sample size).',
  params: z.object({ projections: z.number().int().min(1).max(10_000).default(64).describe('Random directions.') }),
  inputs: comparedInputs,
  output: 'Metrics',
  run({ samples, data }, { projections }, ctx): Metrics {
    const { points, distribution } = pair(samples, data, 'diffusion.sliced_wasserstein');
    const directions = randomDirections(projections, points.dim, ctx.rng.fork('directions'));
    const fresh = distribution.sample(points.count, ctx.rng.fork('truth'));
    return {
      sliced_wasserstein: swOf(points.values, distribution.test.values, points.dim, directions),
      sliced_wasserstein_truth: swOf(fresh.values, distribution.test.values, points.dim, directions),
    };
  },
});

export const mmd = defineNode({
  name: 'mmd',
  kind: 'eval',
  doc:
    'Maximum mean discrepancy (unbiased, Gaussian kernel of width `bandwidth`, 0: the median pairwise distance of ' +
    'the truth) between the samples and the test split; `mmd_truth` for as many fresh ground-truth points.',
  params: z.object({ bandwidth: z.number().min(0).default(0).describe('Kernel width h (0: median heuristic).') }),
  inputs: comparedInputs,
  output: 'Metrics',
  run({ samples, data }, { bandwidth }, ctx): Metrics {
    const { points, distribution } = pair(samples, data, 'diffusion.mmd');
    const fresh = distribution.sample(points.count, ctx.rng.fork('truth'));
    const reference = distribution.test.values, d = points.dim;
    const h = bandwidth || medianDistance(reference, fresh.values, d);
    return { mmd: mmdOf(points.values, reference, d, h), mmd_truth: mmdOf(fresh.values, reference, d, h) };
  },
});

export const modeCoverage = defineNode({
  name: 'mode_coverage',
  kind: 'eval',
  doc:
    'Against the exact mixture: `modes_covered` (of `modes`), modes holding at least a quarter of the samples ' +
    'their weight predicts among samples near a mode, and `near_mode`, the fraction of samples within squared ' +
    'Mahalanobis distance 9·d of their most responsible component.',
  params: z.object({}),
  inputs: comparedInputs,
  output: 'Metrics',
  run({ samples, data }): Metrics {
    const { points, distribution } = pair(samples, data, 'diffusion.mode_coverage');
    const coverage = coverageOf(mixtureOf(distribution, 'diffusion.mode_coverage'), points.values);
    return { modes_covered: coverage.modesCovered, modes: coverage.modes, near_mode: coverage.nearMode };
  },
});

export const classAccuracy = defineNode({
  name: 'class_accuracy',
  kind: 'eval',
  doc: 'Fraction of class-conditional samples whose most probable class under the exact mixture is the class they were drawn for.',
  params: z.object({}),
  inputs: comparedInputs,
  output: 'Metrics',
  run({ samples, data }): Metrics {
    const { points, distribution } = pair(samples, data, 'diffusion.class_accuracy');
    if (!points.labels) throw new SousError('diffusion.class_accuracy: the samples carry no class labels', { hint: 'Sample from a class-conditional model (mlp_score with classes > 0).' });
    return { class_accuracy: accuracyOf(mixtureOf(distribution, 'diffusion.class_accuracy'), points.values, points.labels) };
  },
});

export const positivity = defineNode({
  name: 'positivity',
  kind: 'eval',
  doc: 'Fraction of samples whose every coordinate is > 0 (`positive_fraction`), and the smallest coordinate (`min_value`).',
  params: z.object({}),
  inputs: { samples: { type: 'Samples', doc: 'The drawn points.' } },
  output: 'Metrics',
  run({ samples }): Metrics {
    const points = asPoints(samples, 'diffusion.positivity');
    let positive = 0;
    for (let row = 0; row < points.count; row++) if (points.values.subarray(row * points.dim, (row + 1) * points.dim).every((v) => v > 0)) positive++;
    return { positive_fraction: positive / points.count, min_value: points.values.reduce((a, b) => Math.min(a, b), Infinity) };
  },
});
