// What the weight-space nodes (models.merge, models.task_arithmetic, models.graft) share: their
// inputs as GPTs of one layout, and the output model made from the combined weights. A node that
// calls `sameLayoutGpts` spreads `weightModelMessages` into its messages.
import type { Fail, tf } from '@sous/core';
import { GptModel } from '../gpt/model.js';
import { disposeWeights, layoutMismatch } from '../weights/weight-map.js';

export const weightModelMessages = {
  notGpt: {
    message: 'model {{index}} is not a GPT made by models.gpt or models.load, so its weights cannot be combined',
    hint: 'Weight-space operations read the named weights of GPT-2-style models.',
  },
  layoutMismatch: {
    message: 'model {{index}} does not have the layout of model 1: weight "{{weight}}" {{problem}}',
    hint: 'Combine fine-tuned copies of one base model (same config.json).',
  },
} as const;

/** The models as GPTs, checked to hold the same weight names and shapes (positions count from 1). */
export function sameLayoutGpts(models: readonly unknown[], fail: Fail<keyof typeof weightModelMessages>): GptModel[] {
  const gpts = models.map((model, i) => (model instanceof GptModel ? model : fail('notGpt', { index: i + 1 })));
  const first = gpts[0].namedVariables();
  gpts.slice(1).forEach((gpt, i) => {
    const mismatch = layoutMismatch(first, gpt.namedVariables());
    if (mismatch) fail('layoutMismatch', { index: i + 2, ...mismatch });
  });
  return gpts;
}

/** A trainable model with `template`'s config and tokenizer over `weights` (which it disposes). */
export function modelFromWeights(template: GptModel, weights: Map<string, tf.Tensor>): GptModel {
  const model = GptModel.fromWeights(template.config, weights, { tokenizer: template.tokenizer });
  disposeWeights(weights);
  return model;
}
