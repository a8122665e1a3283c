// objectives.sign_weight: separate weights for positive and negative advantages (paper 16).
import { z } from 'zod';
import { defineNode, type Advantages } from '@sous/core';

const params = z.object({
  positive: z.number().min(0).max(100).default(1).describe('λ_pos: factor on positive advantages (PSR).'),
  negative: z.number().min(0).max(100).default(1).describe('λ_neg: factor on negative advantages (NSR).'),
});

export const sign_weight = defineNode({
  name: 'sign_weight',
  kind: 'advantage',
  doc:
    'Scales positive advantages by λ_pos and negative ones by λ_neg (paper 16, "The Surprising Effectiveness ' +
    'of Negative Reinforcement"). On ±1 rewards with no baseline: positive: 1, negative: 0 is PSR ' +
    '(reinforce correct samples only); 0 / 1 is NSR (only push down incorrect ones); 0.1 / 1 is W-REINFORCE.',
  params,
  inputs: { adv: { type: 'Advantages', doc: 'Advantages per sequence or per token.' } },
  output: 'Advantages',
  run({ adv }, { positive, negative }): Advantages {
    return { ...adv, values: adv.values.map((a) => (a > 0 ? positive * a : a < 0 ? negative * a : 0)) };
  },
});
