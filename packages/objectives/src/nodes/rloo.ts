// objectives.rloo: REINFORCE with a leave-one-out baseline.
import { z } from 'zod';
import { defineNode, type Advantages } from '@sous/core';
import { sequenceAdvantages } from '../lib/advantage-tensor.js';
import { checkRewards, rewardsMessages } from '../lib/checks.js';
import { abstainedAsZero, leaveOneOut } from '../lib/reward-statistics.js';
import { RLOO } from '@sous/core/references';

export const rloo = defineNode({
  name: 'rloo',
  kind: 'advantage',
  doc:
    'RLOO advantage A_i = R_i − mean_{j≠i} R_j over the other members of the group (= G/(G−1)·(R_i − mean)), ' +
    'one value per sequence. Abstained rewards (NaN) are left out of the baselines and get advantage 0; ' +
    'a sequence with no other rewarded member in its group gets 0.',
  references: [RLOO],
  params: z.object({}),
  inputs: {
    reward: { type: 'Rewards', doc: "One reward per sequence (fold a KL penalty in first for TRL's RLOO)." },
    rollouts: { type: 'Rollouts', doc: 'The rollouts the rewards score (their group structure).' },
  },
  output: 'Advantages',
  messages: rewardsMessages,
  run({ reward, rollouts }, _params, ctx): Advantages {
    checkRewards(reward, rollouts, ctx.fail);
    return sequenceAdvantages(abstainedAsZero(leaveOneOut(reward, rollouts.group)));
  },
});
