// diffusion.dsm: the denoising score-matching loss (dsm.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { dsmLoss } from '../dsm.js';
import { asDenoiser, checkDim, denoiserMessages, pointsMessages } from '../checks.js';
import { WEIGHTINGS } from '../models/parametrization.js';
import { logSpaceMessages, toProcessSpace } from '../space.js';
import {
  CLASSIFIER_FREE_GUIDANCE,
  DALE_MEETS_LANGEVIN,
  DENOISING_SCORE_MATCHING,
  EDM,
  NN_SCORE_ESTIMATION,
} from '@sous/core/references';

export const dsm = defineNode({
  name: 'dsm',
  kind: 'loss',
  doc:
    "Denoising score matching: x_t = α x_0 + b + σ ε with t from the schedule's training " +
    'distribution; loss = mean λ(t)‖D_θ(x_t, t) − x_0‖²/d in denoiser form, where λ makes it the squared error of ' +
    'the weighting\'s target: "eps" ‖ε̂ − ε‖² (= score matching with λ = σ²), "x0", "v", "score" ‖ŝ + ε/σ‖², ' +
    '"edm" (λ = (σ² + σ_d²)/(σσ_d)²), or "natural" (the model\'s own parametrisation). Under gbm the data is ' +
    'log-transformed first (the multiplicative DSM of "Dale meets Langevin"). Class labels are dropped to the null class with ' +
    'probability `label_dropout` (classifier-free guidance).',
  references: [DENOISING_SCORE_MATCHING, NN_SCORE_ESTIMATION, EDM, CLASSIFIER_FREE_GUIDANCE, DALE_MEETS_LANGEVIN],
  params: z.object({
    weighting: z.enum(WEIGHTINGS).default('natural').describe("Which target's squared error the loss is."),
    label_dropout: z.number().min(0).max(1).default(0).describe('Probability of training a row unconditionally.'),
  }),
  inputs: {
    model: { type: 'Model', doc: 'The denoiser being trained (diffusion.mlp_score).' },
    batch: { type: 'Points', doc: 'Clean data, e.g. diffusion.batch(data.train).' },
    schedule: { type: 'Schedule', doc: 'The forward process (diffusion.vp, ve, edm, gbm, ...).' },
  },
  output: 'Loss',
  messages: { ...denoiserMessages, ...pointsMessages, ...logSpaceMessages },
  run({ model, batch, schedule: process }, { weighting, label_dropout }, ctx) {
    const denoiser = asDenoiser(model, ctx.fail);
    const points = checkDim(batch, denoiser.dim, ctx.fail);
    const clean = toProcessSpace(points.values, process, ctx.fail);
    const labels = denoiser.classes > 0 ? (points.labels ?? null) : null;
    return dsmLoss(
      denoiser,
      process,
      clean,
      labels,
      {
        weighting: weighting === 'natural' ? (denoiser.parametrization ?? 'eps') : weighting,
        sigmaData: denoiser.sigmaData ?? 1,
        labelDropout: label_dropout,
      },
      ctx.rng,
    );
  },
});
