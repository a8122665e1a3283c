// rewards.weighted: a weighted sum of rewards.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { checkSameLength, combineMessages, weightedSum, weightsFor } from '../lib/combine.js';
import { reportRewards } from '../lib/per-sequence.js';
import { REWARD_TRANSFORMS } from '@sous/core/references';

export const weighted = defineNode({
  name: 'weighted',
  kind: 'reward',
  doc:
    'Weighted sum Σ_k w_k·r_k of any number of rewards (positional arguments), per sequence. A member that abstained ' +
    '(NaN) on a sequence is left out of its sum; a sequence every member abstained on stays abstained. ' +
    'The "good on all" combination of Wang et al. 2024 is the sum of rewards.lsc transforms. Metric: mean.',
  references: [REWARD_TRANSFORMS],
  params: z.object({
    weights: z
      .array(z.number().min(-1e6).max(1e6))
      .default([])
      .describe('One weight per reward, in argument order; empty: all 1.'),
  }),
  inputs: {
    rewards: { type: 'Rewards', variadic: true, doc: 'The rewards combined, one positional argument each.' },
  },
  output: 'Rewards',
  messages: combineMessages,
  run({ rewards }, { weights }, ctx) {
    checkSameLength(rewards, ctx.fail);
    return reportRewards(ctx, weightedSum(rewards, weightsFor(rewards, weights, ctx.fail)));
  },
});
