// tasks.jsonl: a task from JSONL files of {"prompt": ..., "answer": ...} lines.
import path from 'node:path';
import { z } from 'zod';
import { Rng, defineNode, type Example } from '@sous/core';
import { loadHfTokenizer } from '@sous/models';
import { charVocabularyMessages, charVocabularyOf } from '../char-vocabulary.js';
import { exactMatch } from '../exact-match.js';
import { readJsonlExamples } from '../jsonl-file.js';
import { seededPermutation } from '../seeded-permutation.js';
import { arraySplit, makeTask } from '../task.js';

const params = z.object({
  path: z
    .string()
    .min(1)
    .describe('JSONL file of {"prompt": "...", "answer": "..."} lines, relative to the recipe\'s folder.'),
  test_path: z
    .string()
    .min(1)
    .optional()
    .describe('JSONL file of the test split; without it a seeded test_fraction of `path` is held out.'),
  test_fraction: z
    .number()
    .min(0)
    .max(0.9)
    .default(0.1)
    .describe('Share of `path` held out as the test split when test_path is not given (rounded down).'),
  seed: z.number().int().min(0).default(0).describe('Chooses which lines are held out (when test_path is not given).'),
  tokenizer: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A Hugging Face tokenizer.json, or a folder holding one, relative to the recipe's folder; " +
        'without it the vocabulary is character-level.',
    ),
});

export const jsonl = defineNode({
  name: 'jsonl',
  kind: 'task',
  doc:
    'A task read from JSONL files, one {"prompt": "...", "answer": "..."} object a line (other fields ' +
    'are kept; blank lines skipped). The vocabulary is the Hugging Face tokenizer given as `tokenizer` ' +
    '(its tokenizer_config.json, when beside it, names bos/eos/pad); without one it is character-level: ' +
    'pad, bos, eos and one token per character found in the prompts and answers of both files. A ' +
    'completion is correct when, trimmed, it equals the answer.',
  params,
  inputs: {},
  output: 'Task',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: charVocabularyMessages,
  run(_inputs, { path: file, test_path, test_fraction, seed, tokenizer }, ctx) {
    const examples = readJsonlExamples(file, ctx.recipeDir, 'path');
    const { train, test } =
      test_path === undefined
        ? holdOut(examples, test_fraction, seed)
        : { train: examples, test: readJsonlExamples(test_path, ctx.recipeDir, 'test_path') };
    return makeTask(`jsonl(${file})`, {
      train: arraySplit(train),
      test: arraySplit(test),
      vocab:
        tokenizer === undefined
          ? charVocabularyOf([...train, ...test], ctx)
          : loadHfTokenizer(path.resolve(ctx.recipeDir, tokenizer)),
      verify: exactMatch,
    });
  },
});

/** Splits off floor(fraction * n) examples, chosen by a seeded permutation; train keeps file order.
 * With fraction ≤ 0.9 at least one example is left to train on. */
function holdOut(examples: Example[], fraction: number, seed: number) {
  const testCount = Math.floor(fraction * examples.length);
  const order = seededPermutation(examples.length, new Rng(`tasks.jsonl/${seed}`));
  const testIndices = Array.from({ length: testCount }, (_, slot) => order(slot));
  const isTest = new Set(testIndices);
  return {
    train: examples.filter((_, index) => !isTest.has(index)),
    test: testIndices.map((index) => examples[index]),
  };
}
