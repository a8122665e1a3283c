// diffusion.score_r2: Wang & Vastola's (2024) "how Gaussian is the learned score" diagnostic.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { GaussianMixture } from '../data/gaussian-mixture.js';
import { meanAndCovariance } from '../linalg.js';
import { ExactDenoiser } from '../models/exact.js';
import { asDenoiser, denoiserMessages } from '../checks.js';
import { scoreR2 } from '../metrics/score-r2.js';
import { timeAtNoiseRatio } from '../schedules/schedule.js';
import { logSpaceMessages, toProcessSpace } from '../space.js';
import { GAUSSIAN_SCORE } from '@sous/core/references';

export const scoreR2Node = defineNode({
  name: 'score_r2',
  kind: 'eval',
  doc:
    'How Gaussian the learned score is: at each noise level σ/α in `levels`, R² = 1 − E‖s_θ − s_ref‖²/E‖s_θ − E s_θ‖² over ' +
    'noised test points, with s_ref the exact score of the Gaussian fitted to the train split (`r2_gaussian@<level>`) ' +
    'and, when the data has one, of its exact mixture (`r2_mixture@<level>`).',
  references: [GAUSSIAN_SCORE],
  params: z.object({
    levels: z.array(z.number().positive()).min(1).max(32).default([0.1, 0.3, 1, 3]).describe('Noise levels σ/α.'),
  }),
  inputs: {
    model: { type: 'Model', doc: 'The learned denoiser.' },
    schedule: { type: 'Schedule', doc: 'Its forward process.' },
    data: { type: 'Distribution', doc: 'The ground-truth distribution.' },
  },
  output: 'Metrics',
  messages: { ...denoiserMessages, ...logSpaceMessages },
  run({ model, schedule: process, data: distribution }, { levels }, ctx): Metrics {
    const denoiser = asDenoiser(model, ctx.fail, distribution.dim);
    const { mean, covariance } = meanAndCovariance(
      toProcessSpace(distribution.train.values, process, ctx.fail),
      denoiser.dim,
    );
    const references = [
      new ExactDenoiser(new GaussianMixture(denoiser.dim, [{ weight: 1, mean, covariance, label: 0 }])),
    ];
    if (distribution.mixture) references.push(new ExactDenoiser(distribution.mixture));
    const clean = toProcessSpace(distribution.test.values, process, ctx.fail);
    const metrics: Metrics = {};
    for (const level of levels) {
      const [gaussian, mixture] = scoreR2(
        denoiser,
        references,
        process,
        clean,
        timeAtNoiseRatio(process, level),
        ctx.rng.fork(level),
      );
      metrics[`r2_gaussian@${level}`] = gaussian;
      if (mixture !== undefined) metrics[`r2_mixture@${level}`] = mixture;
    }
    return metrics;
  },
});
