// samplers.dataset: teacher-forcing batches drawn from a Dataset, epoch by epoch.
import { z } from 'zod';
import { defineNode, encodeBatch, type Batch } from '@sous/core';
import { drawExamples, drawMessages } from '../epoch-order.js';

const params = z.object({
  size: z.number().int().min(1).max(65536).default(32).describe('Examples per batch (per step).'),
});

export const dataset = defineNode({
  name: 'dataset',
  kind: 'sampler',
  doc:
    'Draws `size` examples a step, in a seeded shuffled order without replacement within an epoch ' +
    '(the order depends on the recipe seed, stage, node and epoch only, so a resumed run draws the same ' +
    "batches). Each row is bos + prompt + answer + eos in the dataset's tokenizer, right-padded to the " +
    'longest row; targetMask marks the answer tokens and eos, the positions a loss predicts.',
  params,
  inputs: { data: { type: 'Dataset', doc: 'The examples, e.g. task.train; it must carry its tokenizer.' } },
  output: 'Batch',
  messages: {
    ...drawMessages,
    noTokenizer: {
      message: 'the dataset "{{dataset}}" carries no tokenizer',
      hint: "Pass a split of a task node, such as task.train, whose datasets carry the task's vocab.",
    },
  },
  run({ data }, { size }, ctx): Batch {
    const vocab = data.vocab ?? ctx.fail('noTokenizer', { dataset: data.name });
    return encodeBatch(drawExamples(data, size, ctx), vocab, `the dataset "${data.name}"`);
  },
});
