// models.materialize: the plain GPT checkpoint a composed model (models.atlas, models.localize,
// models.lora) stands for.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { ComposedModel } from '../weights/composed-model.js';

export const materialize = defineNode({
  name: 'materialize',
  kind: 'model',
  doc:
    'The GPT a composed model stands for, as a plain trainable model with every weight its own: the ' +
    'learned aTLAS composition, the hard graft of a localised mask or a model with its LoRA adapters merged, at the moment this node runs ' +
    '(a top-level call runs when the first stage that reads it starts, after the stages before it).',
  params: z.object({}),
  inputs: { model: { type: 'Model', doc: 'A model made by models.atlas, models.localize or models.lora.' } },
  output: 'Model',
  messages: {
    notComposed: {
      message: 'the model is not a composition (it has no weights to materialise beyond its own)',
      hint: 'Pass a model made by models.atlas, models.localize or models.lora; other models are checkpoints already.',
    },
  },
  run({ model }, _params, ctx) {
    return model instanceof ComposedModel ? model.materialize() : ctx.fail('notComposed');
  },
});
