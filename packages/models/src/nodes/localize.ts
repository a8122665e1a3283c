// models.localize: grafting with a learned mask (the mask scores are trained by a stage).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { SKILL_LOCALIZATION } from '@sous/core/references';
import { graftWeights, initialGraftScores, relaxedGraft, topFractionMask } from '../weights/graft.js';
import { ComposedModel } from '../weights/composed-model.js';
import { disposeWeights } from '../weights/weight-map.js';
import { sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const localize = defineNode({
  name: 'localize',
  kind: 'model',
  doc:
    'Skill localisation by grafting (the mask search is a reconstructed sigmoid relaxation): real ' +
    'scores S start at +initial_score on the `sparsity` fraction of parameters that moved most in ' +
    'fine-tuning and −initial_score elsewhere; the model trains as θ_pre + sigmoid(S) ⊙ (θ_ft − θ_pre) ' +
    'with S its only trainable parameters (train it in a stage on the task loss). Decoding, evals and ' +
    'models.materialize use the hard graft: γ = 1 on the top-`sparsity` fraction of S, 0 elsewhere.',
  references: [SKILL_LOCALIZATION],
  params: z.object({
    sparsity: z.number().gt(0).max(1).describe('The fraction of all parameters the final mask keeps (e.g. 0.005).'),
    initial_score: z
      .number()
      .positive()
      .default(3)
      .describe('σ₀, the starting magnitude of the scores (sigmoid(3) ≈ 0.95).'),
  }),
  inputs: {
    pretrained: { type: 'Model', doc: 'The model before fine-tuning.' },
    finetuned: { type: 'Model', doc: 'The fine-tuned copy whose skill is localised.' },
  },
  output: 'Model',
  messages: weightModelMessages,
  run({ pretrained, finetuned }, { sparsity, initial_score }, ctx) {
    const [pre, ft] = sameLayoutGpts([pretrained, finetuned], ctx.fail);
    const copy = (model: typeof pre) =>
      new Map([...model.namedVariables()].map(([name, v]) => [name, tf.clone(v)] as const));
    const [thetaPre, thetaFt] = [copy(pre), copy(ft)];
    const scores = initialGraftScores(thetaPre, thetaFt, sparsity, initial_score);
    return new ComposedModel(pre, {
      parameters: new Map([...scores].map(([name, s]) => [`localize.scores.${name}`, s] as const)),
      compose: () => relaxedGraft(thetaPre, thetaFt, scores),
      materialize: () => {
        const mask = topFractionMask(scores, sparsity);
        const grafted = graftWeights(thetaPre, thetaFt, mask);
        disposeWeights(mask);
        return grafted;
      },
      frozen: [...thetaPre.values(), ...thetaFt.values()],
    });
  },
});
