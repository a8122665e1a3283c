// rewards.lsc: the log-sigmoid-centred transform of Wang et al. 2024.
import { z } from 'zod';
import { quantile } from 'd3-array';
import { defineNode, perGroup, type Rewards } from '@sous/core';
import { logSigmoid } from '../lib/log-sigmoid.js';
import { reportRewards } from '../lib/per-sequence.js';
import { REWARD_TRANSFORMS } from '@sous/core/references';

export const lsc = defineNode({
  name: 'lsc',
  kind: 'reward',
  doc:
    'Log-sigmoid-centred transform: u = log σ(r − r_ref), the log-probability that a sample beats a ' +
    '"good enough" reference r_ref(x) of its prompt; summing transformed rewards (rewards.weighted) is the log ' +
    'of "good on all properties", so one property cannot make up for another. r_ref: a quantile of the rewards ' +
    'in the sample\'s group (reference: "group_quantile"), or a fixed value ("constant"). The paper takes the ' +
    "quantile over samples of the base policy computed once per prompt; the current group's quantile is our " +
    'stand-in (reconstructed). Abstentions stay abstained. Metric: mean.',
  references: [REWARD_TRANSFORMS],
  params: z.object({
    reference: z.enum(['group_quantile', 'constant']).default('group_quantile').describe('Where r_ref comes from.'),
    quantile: z
      .number()
      .min(0)
      .max(1)
      .default(0.85)
      .describe('The group quantile used as r_ref (linear interpolation).'),
    value: z.number().min(-1e6).max(1e6).default(0).describe('r_ref when reference is "constant".'),
  }),
  inputs: {
    reward: { type: 'Rewards', doc: "A reward to transform, e.g. a reward model's score." },
    rollouts: {
      type: 'Rollouts',
      optional: true,
      doc: 'The rollouts scored (their groups); needed for group_quantile.',
    },
  },
  output: 'Rewards',
  messages: {
    needsRollouts: {
      message: 'reference "group_quantile" needs the rollouts (for their groups)',
      hint: 'Pass them: rewards.lsc(reward, rollouts).',
    },
  },
  run({ reward, rollouts }, p, ctx): Rewards {
    let references: Float32Array;
    if (p.reference === 'constant') references = new Float32Array(reward.length).fill(p.value);
    else {
      if (rollouts === undefined) ctx.fail('needsRollouts');
      references = perGroup(reward, rollouts!.group, (values) => quantile(values, p.quantile) ?? NaN);
    }
    return reportRewards(
      ctx,
      reward.map((r, i) => logSigmoid(r - references[i])),
    );
  },
});
