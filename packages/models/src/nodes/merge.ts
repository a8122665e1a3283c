// models.merge: a weighted average of models, Σ wᵢ θᵢ (balanced actor initialisation merges twice).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { BALANCED_ACTOR_INIT, TASK_ARITHMETIC } from '@sous/core/references';
import { weightedMerge } from '../weights/arithmetic.js';
import { modelFromWeights, sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const merge = defineNode({
  name: 'merge',
  kind: 'model',
  doc:
    'A weighted average of models of one architecture, θ = Σᵢ wᵢ θᵢ, weight by weight: a new trainable ' +
    "model with the first model's config and tokenizer. Balanced actor initialisation is two merges: " +
    'θ_mid = merge(instruct, distill, weights: [α, 1 − α]), then merge(θ_mid, base, weights: [β, 1 − β]).',
  references: [TASK_ARITHMETIC, BALANCED_ACTOR_INIT],
  params: z.object({
    weights: z.array(z.number()).min(1).describe('One weight per model, in order; they must sum to 1.'),
  }),
  inputs: {
    models: { type: 'Model', variadic: true, doc: 'The models merged, one positional argument each.' },
  },
  output: 'Model',
  messages: {
    ...weightModelMessages,
    weightCount: '{{models}} models but {{weights}} weights: give one weight per model',
    weightSum: {
      message: 'the weights sum to {{sum}}, not 1',
      hint: 'A merge is an average; to add task vectors with free scales use models.task_arithmetic.',
    },
  },
  run({ models }, { weights }, ctx) {
    if (models.length !== weights.length) ctx.fail('weightCount', { models: models.length, weights: weights.length });
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) ctx.fail('weightSum', { sum });
    const gpts = sameLayoutGpts(models, ctx.fail);
    return modelFromWeights(
      gpts[0],
      weightedMerge(
        gpts.map((g) => g.namedVariables()),
        weights,
      ),
    );
  },
});
