// models.task_arithmetic: θ_base + Σᵢ λᵢ (θᵢ − θ_base); a negative λ subtracts (forgets) a task.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { TASK_ARITHMETIC } from '@sous/core/references';
import { addTaskVectors, taskVector } from '../weights/arithmetic.js';
import { disposeWeights } from '../weights/weight-map.js';
import { modelFromWeights, sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const taskArithmetic = defineNode({
  name: 'task_arithmetic',
  kind: 'model',
  doc:
    'Task arithmetic: each fine-tuned model gives a task vector τᵢ = θᵢ − θ_base, and the result is ' +
    'θ_base + Σᵢ λᵢ τᵢ, a new trainable model. λ = 1 for one model gives it back; λ < 0 negates the ' +
    'task (forgetting by subtraction); several positive λ add skills.',
  references: [TASK_ARITHMETIC],
  params: z.object({
    scales: z.array(z.number()).min(1).describe('λᵢ, one per fine-tuned model, in order (negative subtracts).'),
  }),
  inputs: {
    base: { type: 'Model', doc: 'The pretrained model the others were fine-tuned from.' },
    finetuned: { type: 'Model', variadic: true, doc: 'The fine-tuned models, one positional argument each.' },
  },
  output: 'Model',
  messages: {
    ...weightModelMessages,
    scaleCount: '{{models}} fine-tuned models but {{scales}} scales: give one scale per model',
  },
  run({ base, finetuned }, { scales }, ctx) {
    if (finetuned.length !== scales.length) ctx.fail('scaleCount', { models: finetuned.length, scales: scales.length });
    const [pre, ...tuned] = sameLayoutGpts([base, ...finetuned], ctx.fail);
    const baseWeights = pre.namedVariables();
    const vectors = tuned.map((ft) => taskVector(baseWeights, ft.namedVariables()));
    const combined = addTaskVectors(baseWeights, vectors, scales);
    for (const tau of vectors) disposeWeights(tau);
    return modelFromWeights(pre, combined);
  },
});
