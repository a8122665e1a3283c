// models.graft: the pretrained model with the fine-tuned values on a sparse set of parameters.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { SKILL_LOCALIZATION } from '@sous/core/references';
import { graftWeights, movementMask } from '../weights/graft.js';
import { disposeWeights } from '../weights/weight-map.js';
import { modelFromWeights, sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const graft = defineNode({
  name: 'graft',
  kind: 'model',
  doc:
    'Model grafting: θ = θ_pre + γ ⊙ (θ_ft − θ_pre) with γ the binary mask of the `sparsity` fraction ' +
    'of parameters that moved most in fine-tuning (|θ_ft − θ_pre|, over all weights together); a new ' +
    'trainable model. This is the starting mask of skill localisation; learning the mask against a ' +
    'task loss (learnGraftMask in the package, a reconstructed sigmoid relaxation) is not a node yet.',
  references: [SKILL_LOCALIZATION],
  params: z.object({
    sparsity: z
      .number()
      .gt(0)
      .max(1)
      .describe('The fraction of all parameters that take their fine-tuned value (e.g. 0.005).'),
  }),
  inputs: {
    pretrained: { type: 'Model', doc: 'The model before fine-tuning.' },
    finetuned: { type: 'Model', doc: 'The fine-tuned copy whose skill is grafted.' },
  },
  output: 'Model',
  messages: weightModelMessages,
  run({ pretrained, finetuned }, { sparsity }, ctx) {
    const [pre, ft] = sameLayoutGpts([pretrained, finetuned], ctx.fail);
    const mask = movementMask(pre.namedVariables(), ft.namedVariables(), sparsity);
    const grafted = graftWeights(pre.namedVariables(), ft.namedVariables(), mask);
    disposeWeights(mask);
    return modelFromWeights(pre, grafted);
  },
});
