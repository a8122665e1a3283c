// objectives.dynamic_filter: DAPO's dynamic sampling, as a mask.
import { z } from 'zod';
import { defineNode, groupMembers, type Mask } from '@sous/core';
import { checkRewards, rewardsMessages } from '../lib/checks.js';
import { isUniform } from '../lib/reward-statistics.js';
import { DAPO } from '@sous/core/references';

export const dynamic_filter = defineNode({
  name: 'dynamic_filter',
  kind: 'mask',
  doc:
    "DAPO's dynamic sampling: 1 on every position of the groups whose (non-abstained) rewards differ, 0 on the " +
    'groups whose rewards are all equal (all correct or all wrong: no signal). The groups are dropped from the ' +
    'loss, so a token-mean aggregation averages over informative groups only; unlike DAPO no replacement groups ' +
    'are sampled. Metric: kept_groups, the share kept.',
  references: [DAPO],
  params: z.object({}),
  inputs: { reward: { type: 'Rewards' }, rollouts: { type: 'Rollouts', doc: 'The rollouts the rewards score.' } },
  output: 'Mask',
  messages: rewardsMessages,
  run({ reward, rollouts }, _params, ctx): Mask {
    checkRewards(reward, rollouts, ctx.fail);
    const { size, length } = rollouts;
    const mask = new Float32Array(size * length);
    const groups = groupMembers(rollouts.group);
    let kept = 0;
    for (const members of groups) {
      if (isUniform(Float32Array.from(members, (i) => reward[i]))) continue;
      kept++;
      for (const i of members) mask.fill(1, i * length, (i + 1) * length);
    }
    ctx.metric('kept_groups', kept / groups.length);
    return mask;
  },
});
