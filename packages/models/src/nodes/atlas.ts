// models.atlas: task vectors composed with learned block-wise coefficients (trained by a stage).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { ATLAS, TASK_ARITHMETIC } from '@sous/core/references';
import { taskVector } from '../weights/arithmetic.js';
import { composeShared, initialCoefficients } from '../weights/atlas.js';
import { ComposedModel } from '../weights/composed-model.js';
import { sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const atlas = defineNode({
  name: 'atlas',
  kind: 'model',
  doc:
    'aTLAS: θ(Λ) = θ_base + Σₜ Σ_b λₜᵇ τₜᵇ over the task vectors τₜ = θₜ − θ_base of the fine-tuned ' +
    'models, a block b being one named weight (matrix or bias). The result is a model whose only ' +
    'trainable parameters are Λ (tasks × blocks scalars, or one per task with sharing: "task", the ' +
    'isotropic task-arithmetic baseline): train it in a stage on a small objective (e.g. objectives.nll ' +
    'on a few examples), then models.materialize gives the composed checkpoint.',
  references: [ATLAS, TASK_ARITHMETIC],
  params: z.object({
    sharing: z
      .enum(['block', 'task'])
      .default('block')
      .describe('"block": one coefficient per weight per task (anisotropic); "task": one per task.'),
    initial: z.number().default(0.3).describe('Every coefficient’s starting value.'),
  }),
  inputs: {
    base: { type: 'Model', doc: 'The pretrained model the others were fine-tuned from.' },
    finetuned: { type: 'Model', variadic: true, doc: 'The fine-tuned models whose task vectors are composed.' },
  },
  output: 'Model',
  messages: weightModelMessages,
  run({ base, finetuned }, { sharing, initial }, ctx) {
    const [pre, ...tuned] = sameLayoutGpts([base, ...finetuned], ctx.fail);
    const theta0 = new Map([...pre.namedVariables()].map(([name, v]) => [name, tf.clone(v)] as const));
    const vectors = tuned.map((ft) => taskVector(theta0, ft.namedVariables()));
    const coefficients = initialCoefficients(vectors.length, theta0.size, sharing, initial);
    return new ComposedModel(pre, {
      parameters: new Map([['atlas.coefficients', coefficients]]),
      compose: () => composeShared(theta0, vectors, coefficients as tf.Tensor2D, sharing),
      frozen: [...theta0.values(), ...vectors.flatMap((tau) => [...tau.values()])],
    });
  },
});
