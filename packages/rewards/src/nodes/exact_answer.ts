// rewards.exact_answer: the task's verifier as a reward.
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { checkRollouts, rolloutsMessages, perSequence, reportRewards } from '../lib/per-sequence.js';

export const exact_answer = defineNode({
  name: 'exact_answer',
  kind: 'reward',
  doc:
    "Verifiable reward: `correct` when the task's verifier accepts the completion text (stop token left out), " +
    'else `wrong`. PSR/NSR (objectives.sign_weight) use correct: 1, wrong: -1. Metric: mean.',
  params: z.object({
    correct: z.number().min(-1e6).max(1e6).default(1).describe('Reward of a correct completion.'),
    wrong: z.number().min(-1e6).max(1e6).default(0).describe('Reward of a wrong one.'),
  }),
  inputs: {
    rollouts: { type: 'Rollouts' },
    task: { type: 'Task', doc: 'The task whose verifier judges the completions.' },
  },
  output: 'Rewards',
  messages: rolloutsMessages,
  run({ rollouts, task }, { correct, wrong }, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    return reportRewards(
      ctx,
      perSequence(rollouts, (text, example) => (task.verify(text, example) ? correct : wrong)),
    );
  },
});
