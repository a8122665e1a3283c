// Preference-pair examples and the splits that hold them. A pair example keeps the task's
// `Example` shape with `answer` = the chosen answer, so SFT samplers and accuracy evals read a pair
// split as an ordinary split of the chosen answers; `samplers.pairs` reads `chosen` and `rejected`.
import type { Example } from '@sous/core';
import type { Split } from './task.js';

export interface PreferenceExample extends Example {
  chosen: string;
  rejected: string;
}

export function preferenceExample(fields: Example & { chosen: string; rejected: string }): PreferenceExample {
  return { ...fields, answer: fields.chosen };
}

/** Pairs `perPrompt` consecutive indices per problem of `problems`: pair i is rejected answer
 * i mod perPrompt of problem ⌊i / perPrompt⌋, made on demand by `rejectedOf(problemIndex)`. */
export function pairsPerProblem(
  problems: Split,
  perPrompt: number,
  rejectedOf: (problemIndex: number) => string[],
): Split {
  return {
    size: problems.size * perPrompt,
    get(index) {
      const problemIndex = Math.floor(index / perPrompt);
      const problem = problems.get(problemIndex);
      return preferenceExample({
        ...problem,
        chosen: problem.answer,
        rejected: rejectedOf(problemIndex)[index % perPrompt],
      });
    },
  };
}
