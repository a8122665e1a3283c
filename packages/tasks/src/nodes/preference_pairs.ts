// tasks.preference_pairs: (prompt, chosen, rejected) pairs made from a task, for DPO and its
// relatives. Chosen is the reference answer, rejected a plausible wrong one.
import { z } from 'zod';
import { Rng, defineNode, type Dataset } from '@sous/core';
import { pairsPerProblem } from '../preference-split.js';
import { makeTask, type Split } from '../task.js';
import { wrongAnswers } from '../wrong-answers.js';

const params = z.object({
  per_prompt: z
    .number()
    .int()
    .min(1)
    .max(8)
    .default(1)
    .describe('Pairs per problem, each with a different rejected answer and the same chosen one.'),
  seed: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Chooses the rejected answers; the recipe seed does not change them.'),
});

export const preference_pairs = defineNode({
  name: 'preference_pairs',
  kind: 'task',
  doc:
    "Preference pairs from a task's problems: per problem, `per_prompt` pairs of (prompt, chosen = the " +
    'reference answer, rejected = a wrong answer). A rejected answer is an integer answer with one digit ' +
    'off by one (a slipped carry), or, when those run out or the answer is not an integer, another ' +
    "problem's answer; the task's verifier rejects every one of them. The train and test pairs come " +
    "from the task's train and test problems, so they share no prompt. Each pair is an example with " +
    '`chosen`, `rejected` and `answer` = chosen, so `objectives.accuracy(policy, prefs.test)` also works. ' +
    'The pair rule is our design choice (reconstructed), not taken from a paper.',
  params,
  inputs: { task: { type: 'Task', doc: 'The task whose problems to pair, e.g. tasks.arithmetic(...).' } },
  output: 'Task',
  members: { train: 'Dataset', test: 'Dataset', vocab: 'Tokenizer' },
  messages: {
    tooFewWrongAnswers: {
      message:
        'problem {{prompt}} of "{{dataset}}" has only {{found}} distinct wrong answers, but per_prompt asks for {{per_prompt}}',
      hint: 'Lower per_prompt of tasks.preference_pairs.',
    },
  },
  run({ task }, { per_prompt, seed }, ctx) {
    // Pairs are made on demand, so this error surfaces where a pair is read (e.g. in samplers.pairs).
    const pairs = (split: Dataset, splitName: string): Split =>
      pairsPerProblem(split, per_prompt, (problemIndex) => {
        const problem = split.get(problemIndex);
        // One stream per problem: any pair can be made alone, in any order, and always the same.
        const rng = new Rng(`tasks.preference_pairs/${seed}/${splitName}/${problemIndex}`);
        const rejected = wrongAnswers(problem.answer, per_prompt, rng, {
          isWrong: (candidate) => !task.verify(candidate, problem),
          otherAnswer: (draws) => split.get(draws.int(split.size)).answer,
        });
        if (rejected.length < per_prompt) {
          ctx.fail('tooFewWrongAnswers', {
            prompt: JSON.stringify(problem.prompt),
            dataset: split.name,
            found: rejected.length,
            per_prompt,
          });
        }
        return rejected;
      });
    return makeTask(`preference_pairs(${task.name}, per_prompt: ${per_prompt}, seed: ${seed})`, {
      train: pairs(task.train, 'train'),
      test: pairs(task.test, 'test'),
      vocab: task.vocab,
      verify: task.verify,
    });
  },
});
