// samplers.prompts: the prompts a policy-gradient step samples completions for.
import { z } from 'zod';
import { SousError, defineNode, type Prompts } from '@sous/core';
import { drawIndices } from '../epoch-order.js';

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
  run({ data }, { size }, ctx): Prompts {
    if (data.size === 0) throw new SousError(`samplers.prompts (${data.name}): the dataset is empty`);
    return { kind: 'prompts', examples: drawIndices(data.size, size, ctx).map((i) => data.get(i)), vocab: data.vocab };
  },
});
