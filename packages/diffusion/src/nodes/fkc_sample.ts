// diffusion.fkc_sample: product-of-experts and annealed sampling with Feynman–Kac correctors.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { asDenoiser, denoiserMessages } from '../checks.js';
import { makePoints, type Points } from '../points.js';
import { sampleFkc } from '../samplers/fkc.js';
import { FEYNMAN_KAC_CORRECTORS } from '@sous/core/references';

export const fkcSample = defineNode({
  name: 'fkc_sample',
  kind: 'sampler',
  doc:
    'Samples π ∝ p_1^{β_1}·p_2^{β_2} (product of experts; one expert with β ≠ 1 anneals) with Feynman–Kac ' +
    'correctors (Skreta et al. 2025): Euler–Maruyama on the reverse SDE with the summed score S = Σβ_k s_k, log-weights ' +
    'd log w = ½g²(‖S‖² − Σβ_k‖s_k‖²)dτ (our derivation from the Feynman–Kac PDE; it gives g²⟨s_1, s_2⟩ for a ' +
    'product and 0 for one expert with β = 1), systematic resampling within groups of `particles` when ESS < ' +
    '`ess`·particles, and once at the end. `correct: false` is the naive sampler (summed scores, no weights). ' +
    'Records `resamples` and `mean_ess`.',
  references: [FEYNMAN_KAC_CORRECTORS],
  params: z.object({
    n: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(1024)
      .describe('Points to draw (n / particles independent SMC runs).'),
    particles: z.number().int().min(1).max(1_000_000).default(64).describe('Particles per SMC run.'),
    steps: z.number().int().min(1).max(10_000).default(200).describe('Euler–Maruyama steps.'),
    betas: z.array(z.number().positive()).min(1).max(2).default([1, 1]).describe('Exponent of each expert.'),
    correct: z.boolean().default(true).describe('Weight and resample (false: naive summed scores).'),
    ess: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Resample when ESS falls below this fraction of the particles.'),
  }),
  inputs: {
    first: { type: 'Model', doc: 'The first expert.' },
    second: { type: 'Model', optional: true, doc: 'The second expert (omit to anneal the first).' },
    schedule: { type: 'Schedule', doc: 'The forward process both experts use.' },
  },
  output: 'Points',
  messages: {
    ...denoiserMessages,
    betaCount: { message: '{{betas}} betas for {{experts}}', hint: 'Give one beta per expert.' },
  },
  run({ first, second, schedule }, { n, particles, steps, betas, correct, ess }, ctx): Points {
    const models = [asDenoiser(first, ctx.fail)];
    if (second !== undefined) models.push(asDenoiser(second, ctx.fail, models[0].dim));
    if (betas.length !== models.length)
      ctx.fail('betaCount', {
        betas: betas.length,
        experts: models.length > 1 ? `${models.length} experts` : '1 expert',
      });
    const result = sampleFkc(
      models.map((model, k) => ({ model, beta: betas[k] })),
      schedule,
      n,
      { steps, particles, correct, essThreshold: ess },
      ctx.rng,
    );
    ctx.metric('resamples', result.resamples);
    ctx.metric('mean_ess', result.meanEss);
    return makePoints(result.values, models[0].dim);
  },
});
