// unlearning.in_order: teacher-forcing batches in the dataset's stored order.
import { z } from 'zod';
import { defineNode, encodeBatch, type Batch } from '@sous/core';

export const in_order = defineNode({
  name: 'in_order',
  kind: 'sampler',
  doc:
    'Draws `size` examples a step in the order the dataset stores them: step s reads examples ' +
    's·size … s·size + size − 1, wrapping around after the last. With a dataset in random order ' +
    '(unlearning.markov_corpus) the example at index i is seen at step ⌊i / size⌋ of the first ' +
    'epoch, the training order unlearning.provenance_query tests against. Rows are encoded as ' +
    'samplers.dataset encodes them (bos + prompt + answer + eos, targets on answer and eos).',
  params: z.object({
    size: z.number().int().min(1).max(65536).default(32).describe('Examples per batch (per step).'),
  }),
  inputs: {
    data: { type: 'Dataset', doc: 'The examples, in the order they are to be seen; it must carry its tokenizer.' },
  },
  output: 'Batch',
  messages: {
    emptyDataset: 'the dataset "{{dataset}}" is empty',
    noTokenizer: {
      message: 'the dataset "{{dataset}}" carries no tokenizer',
      hint: 'Pass a split of a task node, such as corpus.train.',
    },
  },
  run({ data }, { size }, ctx): Batch {
    const vocab = data.vocab ?? ctx.fail('noTokenizer', { dataset: data.name });
    if (data.size === 0) ctx.fail('emptyDataset', { dataset: data.name });
    const first = ctx.step * size;
    const examples = Array.from({ length: size }, (_, offset) => data.get((first + offset) % data.size));
    return encodeBatch(examples, vocab, `the dataset "${data.name}"`);
  },
});
