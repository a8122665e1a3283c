// unlearning.markov_corpus: letter sequences from a random Markov chain, the corpus of the provenance tests.
import { z } from 'zod';
import { Rng, defineNode } from '@sous/core';
import {
  MAX_STATES,
  letterTokenizer,
  markovSequences,
  randomTransitions,
  sequenceTask,
} from '../provenance/markov-corpus.js';

export const markov_corpus = defineNode({
  name: 'markov_corpus',
  kind: 'task',
  doc:
    'A corpus of letter sequences drawn from a Markov chain with random transition probabilities ' +
    '(softmax of Gaussian logits scaled by sharpness): each example has an empty prompt and a ' +
    'sequence as its answer. The sequences are independent draws, so the order they are stored in ' +
    'is a uniformly random order: read in stored order (unlearning.in_order) it is the secret ' +
    'training order the provenance tests correlate with. The vocabulary (pad, bos, eos, letters) ' +
    'depends on states only, so corpora with different seeds share it.',
  params: z.object({
    sequences: z.number().int().min(1).max(1_000_000).default(2000).describe('Training sequences (task.train).'),
    test: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(200)
      .describe('Held-out sequences of the same chain (task.test).'),
    length: z.number().int().min(1).max(4096).default(24).describe('Letters per sequence.'),
    states: z.number().int().min(2).max(MAX_STATES).default(16).describe('States of the chain, one letter each.'),
    sharpness: z
      .number()
      .min(0)
      .max(20)
      .default(2)
      .describe('Standard deviation of the transition logits: 0 is uniform, larger is more predictable.'),
    seed: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Draws the chain and its sequences; without it, the recipe's seed."),
  }),
  inputs: {},
  output: 'Task',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  run(_inputs, { sequences, test, length, states, sharpness, seed }, ctx) {
    const chosenSeed = seed ?? ctx.seed;
    const rng = new Rng(`unlearning.markov_corpus/${chosenSeed}`);
    const transitions = randomTransitions({ states, sharpness }, rng.fork('chain'));
    const draws = markovSequences(transitions, sequences + test, length, rng.fork('sequences'));
    return sequenceTask(
      `markov_corpus(seed ${chosenSeed})`,
      draws.slice(0, sequences),
      draws.slice(sequences),
      letterTokenizer(states),
    );
  },
});
