// samplers.pairs: preference-pair batches drawn from a Dataset of pairs, epoch by epoch.
import { z } from 'zod';
import { defineNode, encodePairs, type Pairs } from '@sous/core';
import { drawExamples, drawMessages } from '../epoch-order.js';

const params = z.object({
  size: z.number().int().min(1).max(65536).default(32).describe('Pairs per batch (per step).'),
});

export const pairs = defineNode({
  name: 'pairs',
  kind: 'sampler',
  doc:
    'Draws `size` preference pairs a step, in the seeded epoch order of samplers.dataset (a resumed run ' +
    'draws the same pairs). Each pair gives two teacher-forcing rows, bos + prompt + chosen + eos and ' +
    'bos + prompt + rejected + eos, in one batch of 2 × size rows (chosen rows first), right-padded to ' +
    "the longest; targetMask marks each row's answer tokens and eos.",
  params,
  inputs: {
    data: {
      type: 'Dataset',
      doc: 'Examples with string `chosen` and `rejected` fields, e.g. prefs.train of tasks.preference_pairs.',
    },
  },
  output: 'Pairs',
  messages: {
    ...drawMessages,
    noTokenizer: {
      message: 'the dataset "{{dataset}}" carries no tokenizer',
      hint: 'Pass a split of a preference task, such as prefs.train of tasks.preference_pairs.',
    },
  },
  run({ data }, { size }, ctx): Pairs {
    const vocab = data.vocab ?? ctx.fail('noTokenizer', { dataset: data.name });
    return encodePairs(drawExamples(data, size, ctx), vocab, `the dataset "${data.name}"`);
  },
});
