// rewards.numeric: numeric equivalence with the reference answer.
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { parseNumber } from '../lib/parse-number.js';
import { checkRollouts, rolloutsMessages, perSequence, reportRewards } from '../lib/per-sequence.js';

export const numeric = defineNode({
  name: 'numeric',
  kind: 'reward',
  doc:
    'Numeric equivalence: `correct` when the number the completion states (its last number, or the whole text) ' +
    'is within atol + rtol·|answer| of the example\'s numeric answer ("46.0" matches "46"), else `wrong` ' +
    '(also when it states no number). Abstains (NaN) on examples whose answer is not a number. Metric: mean.',
  params: z.object({
    extract: z
      .enum(['last', 'whole'])
      .default('last')
      .describe("Read the completion's last number, or require the whole text to be one."),
    atol: z.number().min(0).max(1e12).default(1e-9).describe('Absolute tolerance.'),
    rtol: z.number().min(0).max(1).default(0).describe("Relative tolerance (of the answer's magnitude)."),
    correct: z.number().min(-1e6).max(1e6).default(1).describe('Reward of an equivalent number.'),
    wrong: z.number().min(-1e6).max(1e6).default(0).describe('Reward otherwise.'),
  }),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Rewards',
  messages: rolloutsMessages,
  run({ rollouts }, p, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    return reportRewards(
      ctx,
      perSequence(rollouts, (text, example) => {
        const answer = parseNumber(example.answer, 'whole');
        if (Number.isNaN(answer)) return NaN;
        const stated = parseNumber(text, p.extract);
        return Math.abs(stated - answer) <= p.atol + p.rtol * Math.abs(answer) ? p.correct : p.wrong;
      }),
    );
  },
});
