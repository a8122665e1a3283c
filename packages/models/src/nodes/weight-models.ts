// What the weight-space nodes (models.merge, models.task_arithmetic, models.graft) share: their
// inputs as GPTs of one layout, and the output model made from the combined weights. A node that
// calls `sameLayoutGpts` spreads `weightModelMessages` into its messages.
import { tf, type Fail } from '@sous/core';
import { ComposedModel } from '../weights/composed-model.js';
import { adaptedWeights, type LoraFactors } from '../weights/lora.js';
import { GptModel } from '../gpt/model.js';
import { gptWeightSpecs } from '../gpt/weights.js';
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

/** The linear maps inside the blocks (attention c_attn and c_proj, MLP c_fc and c_proj) that
 * adapters attach to, with their stored shapes [d_in, d_out], and the largest rank they all allow. */
export function blockMatrices(gpt: GptModel): { matrices: [string, [number, number]][]; rankLimit: number } {
  const matrices = [...gptWeightSpecs(gpt.config)]
    .filter(([name, spec]) => spec.role.endsWith('matrix') && name !== 'lm_head.weight')
    .map(([name, spec]) => [name, spec.shape as [number, number]] as [string, [number, number]]);
  const rankLimit = matrices.reduce((smallest, [, [rows, columns]]) => Math.min(smallest, rows, columns), Infinity);
  return { matrices, rankLimit };
}

/** A copy of the model's weights, the frozen part of an adapted or composed model. */
export function copyWeights(gpt: GptModel): Map<string, tf.Tensor> {
  return new Map<string, tf.Tensor>([...gpt.namedVariables()].map(([name, v]) => [name, v.clone()] as const));
}

/** A model over a frozen copy of `gpt` whose block matrices carry trainable adapters: `factorsOf`
 * gives each matrix's initial B and A (and may rewrite its frozen weight); the variables are named
 * `<prefix>.<weight>.a` / `.b`, and the effective weight is W + (α / r) (B A)ᵀ in storage layout. */
export function adaptedModel(
  gpt: GptModel,
  prefix: string,
  alpha: number,
  factorsOf: (name: string, shape: [number, number], frozen: Map<string, tf.Tensor>) => LoraFactors,
): ComposedModel {
  const frozen = copyWeights(gpt);
  const factors = new Map<string, LoraFactors>();
  const parameters = new Map<string, tf.Variable>();
  for (const [name, shape] of blockMatrices(gpt).matrices) {
    const initial = factorsOf(name, shape, frozen);
    const a = tf.variable(initial.a, true);
    const b = tf.variable(initial.b, true);
    initial.a.dispose();
    initial.b.dispose();
    factors.set(name, { a: a as tf.Tensor as tf.Tensor2D, b: b as tf.Tensor as tf.Tensor2D });
    parameters.set(`${prefix}.${name}.a`, a);
    parameters.set(`${prefix}.${name}.b`, b);
  }
  return new ComposedModel(gpt, {
    parameters,
    compose: () => adaptedWeights(frozen, factors, alpha, true),
    frozen: [...frozen.values()],
  });
}
