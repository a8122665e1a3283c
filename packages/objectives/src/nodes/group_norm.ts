// objectives.group_norm: GRPO's group-relative advantage.
import { z } from 'zod';
import { defineNode, perGroup, type Advantages } from '@sous/core';
import { sequenceAdvantages } from '../lib/advantage-tensor.js';
import { checkRewards, rewardsMessages } from '../lib/checks.js';
import { abstainedAsZero, deviationOf, fractionOfUniformGroups, meanOf } from '../lib/reward-statistics.js';
import { DR_GRPO, GRPO } from '@sous/core/references';

const params = z.object({
  scale: z
    .enum(['group', 'batch', 'none'])
    .default('group')
    .describe("Divide by the group's reward deviation (GRPO), the whole batch's (PPO-Lite), or not at all (Dr. GRPO)."),
  epsilon: z.number().min(0).max(1).default(1e-4).describe('Added to the deviation before dividing.'),
});

export const group_norm = defineNode({
  name: 'group_norm',
  kind: 'advantage',
  doc:
    'Group-relative advantage A_i = (R_i − mean_group R) / (std + ε), one value per sequence. ' +
    'scale: "group" is GRPO, "batch" divides by the batch deviation of the rewards, "none" gives ' +
    'A_i = R_i − mean_group R (Dr. GRPO). Deviations are sample deviations (n − 1), as in TRL. ' +
    'Abstained rewards (NaN) are left out of the statistics and get advantage 0. ' +
    'Metric: frac_zero_std, the share of groups whose rewards are all equal.',
  references: [GRPO, DR_GRPO],
  params,
  inputs: {
    reward: { type: 'Rewards', doc: 'One reward per sequence.' },
    rollouts: { type: 'Rollouts', doc: 'The rollouts the rewards score (their group structure).' },
  },
  output: 'Advantages',
  messages: rewardsMessages,
  run({ reward, rollouts }, { scale, epsilon }, ctx): Advantages {
    checkRewards(reward, rollouts, ctx.fail);
    const groupMeans = perGroup(reward, rollouts.group, meanOf);
    const deviations =
      scale === 'group'
        ? perGroup(reward, rollouts.group, deviationOf)
        : scale === 'batch'
          ? new Float32Array(reward.length).fill(deviationOf(reward))
          : null;
    const advantages = reward.map((r, i) => (r - groupMeans[i]) / (deviations === null ? 1 : deviations[i] + epsilon));
    ctx.metric('frac_zero_std', fractionOfUniformGroups(reward, rollouts));
    return sequenceAdvantages(abstainedAsZero(advantages));
  },
});
