// samplers.prompts: the prompts a policy-gradient step samples completions for.
import { z } from 'zod';
import { defineNode, type Prompts } from '@sous/core';
import { drawExamples, drawMessages } from '../epoch-order.js';

export const prompts = defineNode({
  name: 'prompts',
  kind: 'sampler',
  doc:
    'Draws `size` examples a step in the same seeded epoch order as samplers.dataset (no repeats within an ' +
    'epoch; a resumed run draws the same prompts), for a completion sampler such as samplers.group.',
  params: z.object({
    size: z.number().int().min(1).max(65536).default(16).describe('Prompts per step.'),
  }),
  inputs: { data: { type: 'Dataset', doc: 'The problems, e.g. task.train.' } },
  output: 'Prompts',
  messages: drawMessages,
  run({ data }, { size }, ctx): Prompts {
    return { kind: 'prompts', examples: drawExamples(data, size, ctx), vocab: data.vocab };
  },
});
