// diffusion.exact_score: the closed-form denoiser of a Gaussian-mixture distribution.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { ExactDenoiser } from '../models/exact.js';

export const exactScore = defineNode({
  name: 'exact_score',
  kind: 'model',
  doc:
    'The exact score of a Gaussian-mixture distribution at every noise level (the noised law is again a ' +
    "mixture), as a model with no weights: D = (x − b + σ²∇log p_t)/α. Works in the schedule's space " +
    "(log x for a log-normal mixture under gbm). With `conditional`, a class restricts it to that class's components.",
  params: z.object({ conditional: z.boolean().default(false).describe('Condition on class labels.') }),
  inputs: {
    data: {
      type: 'Distribution',
      doc: 'A distribution with a known mixture (gaussian_mixture, lognormal_mixture, product).',
    },
  },
  output: 'Model',
  messages: { noClosedForm: { message: '{{name}} has no closed-form score', hint: 'Use a mixture distribution.' } },
  run({ data }, { conditional }, ctx) {
    if (!data.mixture) ctx.fail('noClosedForm', { name: data.name });
    return new ExactDenoiser(data.mixture!, conditional);
  },
});
