// rewards.normalized_sum: normalise each reward within its group, then sum (GDPO / TRL's normalize_then_sum).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { checkSameLength, combineMessages, weightedSum, weightsFor } from '../lib/combine.js';
import { groupZScores } from '../lib/group-normalise.js';
import { checkRollouts, rolloutsMessages, reportRewards } from '../lib/per-sequence.js';
import { GDPO } from '@sous/core/references';

export const normalized_sum = defineNode({
  name: 'normalized_sum',
  kind: 'reward',
  doc:
    'Normalise-then-sum: each reward (the positional arguments after the rollouts) becomes its z-score within the group, (r − mean)/(std + ε) ' +
    "over the group's non-abstained members (0 for a group with no spread), then Σ_k w_k·z_k as rewards.weighted " +
    'does, so a reward with a large scale cannot drown the others. The advantage node normalises the sum again. ' +
    'Metric: mean.',
  references: [GDPO],
  params: z.object({
    weights: z
      .array(z.number().min(-1e6).max(1e6))
      .default([])
      .describe('One weight per reward, in argument order; empty: all 1.'),
    epsilon: z.number().min(0).max(1).default(1e-4).describe('Added to each group deviation.'),
  }),
  inputs: {
    rollouts: { type: 'Rollouts', doc: 'The rollouts scored (their groups).' },
    rewards: { type: 'Rewards', variadic: true, doc: 'The rewards combined, one positional argument each.' },
  },
  output: 'Rewards',
  messages: { ...combineMessages, ...rolloutsMessages },
  run({ rollouts, rewards }, { weights, epsilon }, ctx) {
    checkRollouts(rollouts, ctx.fail);
    checkSameLength([...rewards, Float32Array.from(rollouts.texts, () => 0)], ctx.fail);
    const normalised = rewards.map((member) => groupZScores(member, rollouts.group, epsilon));
    return reportRewards(ctx, weightedSum(normalised, weightsFor(rewards, weights, ctx.fail)));
  },
});
