// models.materialize: the plain GPT checkpoint a composed model (models.atlas, models.localize) stands for.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { ComposedModel } from '../weights/composed-model.js';

export const materialize = defineNode({
  name: 'materialize',
  kind: 'model',
  doc:
    'The GPT a composed model stands for, as a plain trainable model with every weight its own: the ' +
    'learned aTLAS composition, or the hard graft of a localised mask, at the moment this node runs ' +
    '(a top-level call runs when the first stage that reads it starts, after the stages before it).',
  params: z.object({}),
  inputs: { model: { type: 'Model', doc: 'A model made by models.atlas or models.localize.' } },
  output: 'Model',
  messages: {
    notComposed: {
      message: 'the model is not a composition (it has no weights to materialise beyond its own)',
      hint: 'Pass a model made by models.atlas or models.localize; other models are checkpoints already.',
    },
  },
  run({ model }, _params, ctx) {
    return model instanceof ComposedModel ? model.materialize() : ctx.fail('notComposed');
  },
});
