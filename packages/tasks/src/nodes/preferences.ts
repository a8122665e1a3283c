// tasks.preferences: preference pairs read from JSONL files of {"prompt", "chosen", "rejected"} lines.
import { z } from 'zod';
import { Rng, defineNode, type Example } from '@sous/core';
import { charVocabularyMessages, charVocabularyOf } from '../char-vocabulary.js';
import { exactMatch } from '../exact-match.js';
import { readJsonlExamples } from '../jsonl-file.js';
import { preferenceExample, type PreferenceExample } from '../preference-split.js';
import { seededPermutation } from '../seeded-permutation.js';
import { arraySplit, makeTask } from '../task.js';

const PAIR_FIELDS = ['prompt', 'chosen', 'rejected'] as const;

const params = z.object({
  path: z
    .string()
    .min(1)
    .describe(
      'JSONL file of {"prompt": "...", "chosen": "...", "rejected": "..."} lines, relative to the recipe\'s folder.',
    ),
  test_path: z
    .string()
    .min(1)
    .optional()
    .describe('JSONL file of the test pairs; without it a seeded test_fraction of the prompts of `path` is held out.'),
  test_fraction: z
    .number()
    .min(0)
    .max(0.9)
    .default(0.1)
    .describe(
      'Share of the distinct prompts of `path` whose pairs are held out when test_path is not given (rounded down).',
    ),
  seed: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Chooses which prompts are held out (when test_path is not given).'),
});

export const preferences = defineNode({
  name: 'preferences',
  kind: 'task',
  doc:
    'Preference pairs read from JSONL files, one {"prompt": "...", "chosen": "...", "rejected": "..."} ' +
    'object a line (other fields kept; blank lines skipped). Without test_path, the pairs of a seeded ' +
    'share of the prompts are held out, so train and test share no prompt. Each pair is an example ' +
    'with answer = chosen. The vocabulary is character-level over every prompt, chosen and rejected ' +
    'text; a completion is correct when, trimmed, it equals the chosen answer.',
  params,
  inputs: {},
  output: 'Task',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: charVocabularyMessages,
  run(_inputs, { path, test_path, test_fraction, seed }, ctx) {
    const read = (file: string, param: string) =>
      readJsonlExamples(file, ctx.recipeDir, param, PAIR_FIELDS).map((line) =>
        preferenceExample(line as PreferenceExample),
      );
    const pairs = read(path, 'path');
    const { train, test } =
      test_path === undefined
        ? holdOutPrompts(pairs, test_fraction, seed)
        : { train: pairs, test: read(test_path, 'test_path') };
    const texts: Example[] = [...train, ...test].flatMap((pair) => [pair, { prompt: '', answer: pair.rejected }]);
    return makeTask(`preferences(${path})`, {
      train: arraySplit(train),
      test: arraySplit(test),
      vocab: charVocabularyOf(texts, ctx),
      verify: exactMatch,
    });
  },
});

/** Holds out every pair of floor(fraction × distinct prompts) prompts, chosen by a seeded
 * permutation; both splits keep file order. */
function holdOutPrompts(pairs: PreferenceExample[], fraction: number, seed: number) {
  const prompts = [...new Set(pairs.map((pair) => pair.prompt))];
  const order = seededPermutation(prompts.length, new Rng(`tasks.preferences/${seed}`));
  const heldOut = new Set(
    Array.from({ length: Math.floor(fraction * prompts.length) }, (_, slot) => prompts[order(slot)]),
  );
  return {
    train: pairs.filter((pair) => !heldOut.has(pair.prompt)),
    test: pairs.filter((pair) => heldOut.has(pair.prompt)),
  };
}
