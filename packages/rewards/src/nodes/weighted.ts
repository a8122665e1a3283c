// rewards.weighted: a weighted sum of rewards.
import { z } from 'zod';
import { defineNode, type NodeContext, type Rewards } from '@sous/core';
import { checkSameLength, connected, weightedSum, weightsFor } from '../lib/combine.js';
import { reportRewards } from '../lib/per-sequence.js';
import { REWARD_TRANSFORMS } from '@sous/core/references';

export const weighted = defineNode({
  name: 'weighted',
  kind: 'reward',
  doc:
    'Weighted sum Σ_k w_k·r_k of up to four rewards (ports a, b, c, d), per sequence. A member that abstained ' +
    '(NaN) on a sequence is left out of its sum; a sequence every member abstained on stays abstained. ' +
    'The "good on all" combination of Wang et al. 2024 is the sum of rewards.lsc transforms. Metric: mean.',
  references: [REWARD_TRANSFORMS],
  params: z.object({
    weights: z.array(z.number().min(-1e6).max(1e6)).max(4).default([]).describe('One weight per connected reward, in port order; empty: all 1.'),
  }),
  inputs: {
    a: { type: 'Rewards' },
    b: { type: 'Rewards', optional: true },
    c: { type: 'Rewards', optional: true },
    d: { type: 'Rewards', optional: true },
  },
  output: 'Rewards',
  run(ports: Record<string, Rewards | undefined>, { weights }, ctx: NodeContext): Rewards {
    const members = connected(ports);
    checkSameLength(members, 'rewards.weighted');
    return reportRewards(ctx, weightedSum(members, weightsFor(members, weights, 'rewards.weighted')));
  },
});
