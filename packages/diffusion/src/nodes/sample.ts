// diffusion.sample: draw points with a sampler (samplers/chain.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { asDenoiser, checkDim, denoiserMessages, pointsMessages } from '../checks.js';
import { makePoints, type Points } from '../points.js';
import { sampleChain } from '../samplers/chain.js';
import { fitGaussian } from '../samplers/gaussian-flow.js';
import { SAMPLING_METHODS } from '../samplers/steps.js';
import { logSpaceMessages, toProcessSpace } from '../space.js';
import {
  CLASSIFIER_FREE_GUIDANCE,
  DALE_MEETS_LANGEVIN,
  DDIM,
  DDPM,
  EDM,
  GAUSSIAN_SCORE,
  SCORE_SDE,
} from '@sous/core/references';

export const sample = defineNode({
  name: 'sample',
  kind: 'sampler',
  doc:
    "Samples from a denoiser: x_T ~ N(b_T, σ_T² I), `steps` steps of the method on the schedule's grid — " +
    '"ddpm" (ancestral), "ddim" (deterministic), "euler" or "heun" (probability-flow ODE; Heun takes an Euler ' +
    'last step) or "euler_maruyama" (reverse SDE; the Dale–Langevin sampler under gbm) — then the final ' +
    'denoised estimate. A class model samples class `label` (−1: classes in turn) with classifier-free guidance ' +
    'D(∅) + w(D(c) − D(∅)), w = `guidance`. `teleport` > 0 replaces that fraction of the first steps by the ' +
    'closed-form probability flow of a Gaussian fitted to `data` (the analytical teleport of Wang & Vastola 2024). Records `network_calls`.',
  references: [DDPM, DDIM, SCORE_SDE, EDM, CLASSIFIER_FREE_GUIDANCE, GAUSSIAN_SCORE, DALE_MEETS_LANGEVIN],
  params: z.object({
    n: z.number().int().min(1).max(1_000_000).default(1024).describe('Points to draw.'),
    steps: z.number().int().min(1).max(10_000).default(100).describe('Sampler steps.'),
    method: z.enum(SAMPLING_METHODS).default('ddpm').describe('The sampler.'),
    guidance: z.number().min(0).default(1).describe('Classifier-free guidance weight w (1: plain conditional).'),
    label: z.number().int().min(-1).default(-1).describe('Class to sample (−1: every class in turn).'),
    teleport: z
      .number()
      .min(0)
      .max(0.95)
      .default(0)
      .describe('Fraction of the first steps to jump with the Gaussian flow.'),
  }),
  inputs: {
    model: { type: 'Model', doc: 'The denoiser.' },
    schedule: { type: 'Schedule', doc: 'The forward process it was trained with.' },
    data: { type: 'Points', optional: true, doc: 'Training points, to fit the Gaussian of `teleport`.' },
  },
  output: 'Points',
  messages: {
    ...denoiserMessages,
    ...pointsMessages,
    ...logSpaceMessages,
    labelRange: 'label {{label}} is out of range: the model has {{classes}} classes',
    teleportData: { message: 'teleport needs the training points to fit its Gaussian', hint: 'Pass data: data.train.' },
  },
  run({ model, schedule: process, data }, { n, steps, method, guidance, label, teleport }, ctx): Points {
    const denoiser = asDenoiser(model, ctx.fail);
    if (denoiser.classes > 0 && label >= denoiser.classes) ctx.fail('labelRange', { label, classes: denoiser.classes });
    const labels =
      denoiser.classes > 0
        ? Int32Array.from({ length: n }, (_, row) => (label >= 0 ? label : row % denoiser.classes))
        : null;
    let fit;
    if (teleport > 0) {
      if (data === undefined) ctx.fail('teleportData');
      const points = checkDim(data!, denoiser.dim, ctx.fail);
      fit = fitGaussian(toProcessSpace(points.values, process, ctx.fail), denoiser.dim);
    }
    const result = sampleChain(
      denoiser,
      process,
      n,
      { method, steps, labels, guidance, teleport: fit && { fraction: teleport, fit } },
      ctx.rng,
    );
    ctx.metric('network_calls', result.calls);
    return makePoints(result.values, denoiser.dim, labels ?? undefined);
  },
});
