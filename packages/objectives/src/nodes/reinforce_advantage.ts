// objectives.reinforce_advantage: reward minus a baseline, optionally whitened (REINFORCE++).
import { z } from 'zod';
import { defineNode, perGroup, type Advantages } from '@sous/core';
import { sequenceAdvantages } from '../lib/advantage-tensor.js';
import { checkRewards, rewardsMessages } from '../lib/checks.js';
import { abstainedAsZero, meanOf, whiten } from '../lib/reward-statistics.js';
import { REINFORCE_PLUS_PLUS } from '@sous/core/references';

const params = z.object({
  baseline: z
    .enum(['none', 'group_mean', 'batch_mean', 'constant'])
    .default('none')
    .describe("What is subtracted from each reward: nothing, its group's mean, the batch mean, or `constant`."),
  constant: z
    .number()
    .min(-1e6)
    .max(1e6)
    .default(0)
    .describe('The baseline value when baseline is "constant" (TOPR\'s c).'),
  whiten: z
    .boolean()
    .default(false)
    .describe('Then subtract the batch mean and divide by the batch deviation (REINFORCE++).'),
  epsilon: z.number().min(0).max(1).default(1e-6).describe('Added to the deviation when whitening.'),
});

export const reinforce_advantage = defineNode({
  name: 'reinforce_advantage',
  kind: 'advantage',
  doc:
    'REINFORCE advantage A_i = R_i − b, one value per sequence, with b none, the group mean, the batch mean ' +
    'or a constant; whiten: true then normalises over the batch, (A − mean)/(std + ε). ' +
    'REINFORCE++ is baseline "batch_mean" with whiten; REINFORCE++-baseline is "group_mean" with whiten; ' +
    'PSR/NSR (objectives.sign_weight) use baseline "none" on ±1 rewards. Abstained rewards (NaN) get advantage 0.',
  references: [REINFORCE_PLUS_PLUS],
  params,
  inputs: {
    reward: { type: 'Rewards', doc: 'One reward per sequence.' },
    rollouts: { type: 'Rollouts', doc: 'The rollouts the rewards score (their group structure).' },
  },
  output: 'Advantages',
  messages: rewardsMessages,
  run({ reward, rollouts }, { baseline, constant, whiten: whitened, epsilon }, ctx): Advantages {
    checkRewards(reward, rollouts, ctx.fail);
    const baselines =
      baseline === 'group_mean'
        ? perGroup(reward, rollouts.group, meanOf)
        : baseline === 'batch_mean'
          ? new Float32Array(reward.length).fill(meanOf(reward))
          : new Float32Array(reward.length).fill(baseline === 'constant' ? constant : 0);
    const advantages = reward.map((r, i) => r - baselines[i]);
    return sequenceAdvantages(abstainedAsZero(whitened ? whiten(advantages, epsilon) : advantages));
  },
});
