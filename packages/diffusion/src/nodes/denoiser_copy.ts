// diffusion.denoiser_copy: a trainable copy of a trained MLP denoiser (the fake score's initialisation).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { MlpDenoiser } from '../models/mlp.js';
import { SCORE_IDENTITY_DISTILLATION } from '@sous/core/references';
import { copyDenoiser } from '../models/one-step-generator.js';
import { mlpMessages } from '../models/generator-checks.js';
import { describe } from '../points.js';

export const denoiserCopy = defineNode({
  name: 'denoiser_copy',
  kind: 'model',
  doc:
    'A trainable copy of an MLP denoiser with the weights it has when this node runs (a top-level call ' +
    'runs when the first stage that reads it starts, so after the stage that trained the source). Score ' +
    "identity distillation starts its fake denoiser from the teacher's weights this way.",
  references: [SCORE_IDENTITY_DISTILLATION],
  params: z.object({}),
  inputs: { source: { type: 'Model', doc: 'The denoiser to copy (diffusion.mlp_score).' } },
  output: 'Model',
  messages: mlpMessages,
  run({ source }, _params, ctx) {
    if (!(source instanceof MlpDenoiser)) return ctx.fail('notMlp', { got: describe(source) });
    return copyDenoiser(source, ctx.rng.fork('copy'));
  },
});
