// tasks.arithmetic: seeded integer arithmetic problems ("12+34=" → "46") with disjoint train and
// test splits and a character vocabulary.
import { z } from 'zod';
import { Rng, defineNode } from '@sous/core';
import { CharTokenizer } from '@sous/models';
import { ARITHMETIC_ALPHABET, ARITHMETIC_OPERATORS, arithmeticSpace } from '../arithmetic.js';
import { exactMatch } from '../exact-match.js';
import { seededPermutation } from '../seeded-permutation.js';
import { makeTask } from '../task.js';

const DEFAULT_TRAIN_SIZE = 20000;

const params = z.object({
  digits: z
    .number()
    .int()
    .min(1)
    .max(6)
    .default(2)
    .describe('Largest number of digits of an operand: operands are drawn from 0..10^digits-1.'),
  ops: z
    .string()
    .regex(/^[+*-]+$/, `use only the operators ${ARITHMETIC_OPERATORS}`)
    .refine((ops) => new Set(ops).size === ops.length, 'list each operator once')
    .default('+-')
    .describe('Operators to pose, any of "+", "-" and "*" (e.g. "+-").'),
  pad: z
    .boolean()
    .default(false)
    .describe('Write operands with leading zeros to `digits` width ("07+05=12"), so each digit has a fixed position.'),
  reverse: z
    .boolean()
    .default(false)
    .describe('Write the answer least significant digit first, sign in front ("46" → "64", "-12" → "-21").'),
  seed: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Chooses the problems and their split; the recipe seed does not change them.'),
  train_size: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe(
      'Problems in the train split (default: 20000, or every problem not in test when fewer exist; a larger value than exists is capped with a warning).',
    ),
  test_size: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(500)
    .describe('Problems in the test split, none of which appears in train.'),
});

export const arithmetic = defineNode({
  name: 'arithmetic',
  kind: 'task',
  doc:
    'Integer arithmetic problems: prompt "12+34=", answer "46" (negative answers written "-12"). ' +
    'Train and test are disjoint and fixed by `seed`. The vocabulary is one token per character ' +
    'of "0123456789+-*=" plus pad, bos and eos; a completion is correct when, trimmed, it equals the answer.',
  params,
  inputs: {},
  output: 'Task',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: {
    noTrainingProblems: {
      message:
        'test_size {{test_size}} leaves no training problems: {{setting}} has only {{problems}} distinct problems',
      hint: 'Lower test_size or raise digits.',
    },
  },
  run(_inputs, { digits, ops, pad, reverse, seed, train_size, test_size }, ctx) {
    const space = arithmeticSpace(digits, ops, { pad, reverse });
    const setting = `digits: ${digits}, ops: ${JSON.stringify(ops)}${pad ? ', pad: true' : ''}${reverse ? ', reverse: true' : ''}`;
    if (test_size >= space.size) ctx.fail('noTrainingProblems', { test_size, setting, problems: space.size });
    let trainSize = train_size ?? Math.min(DEFAULT_TRAIN_SIZE, space.size - test_size);
    if (test_size + trainSize > space.size) {
      const requested = trainSize;
      trainSize = space.size - test_size;
      ctx.logger.warn(
        `tasks.arithmetic: ${setting} has only ${space.size} distinct problems; ` +
          `train_size capped from ${requested} to ${trainSize} (every problem not in test)`,
      );
    }
    // Test takes permutation slots 0..test_size-1 and train the slots after it, so the splits are
    // disjoint and the test split does not change with train_size.
    const order = seededPermutation(space.size, new Rng(`tasks.arithmetic/${seed}`));
    return makeTask(`arithmetic(${setting}, seed: ${seed})`, {
      test: { size: test_size, get: (index) => space.problem(order(index)) },
      train: { size: trainSize, get: (index) => space.problem(order(test_size + index)) },
      vocab: new CharTokenizer(ARITHMETIC_ALPHABET),
      verify: exactMatch,
    });
  },
});
