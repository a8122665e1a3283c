// objectives.sign_weight: separate weights for positive and negative advantages (Zhu et al. 2025).
import { z } from 'zod';
import { defineNode, type Advantages } from '@sous/core';
import { NEGATIVE_REINFORCEMENT } from '@sous/core/references';

const params = z.object({
  positive: z.number().min(0).max(100).default(1).describe('λ_pos: factor on positive advantages (PSR).'),
  negative: z.number().min(0).max(100).default(1).describe('λ_neg: factor on negative advantages (NSR).'),
});

export const sign_weight = defineNode({
  name: 'sign_weight',
  kind: 'advantage',
  doc:
    'Scales positive advantages by λ_pos and negative ones by λ_neg (PSR / NSR ' +
    'and W-REINFORCE). On ±1 rewards with no baseline: positive: 1, negative: 0 is PSR ' +
    '(reinforce correct samples only); 0 / 1 is NSR (only push down incorrect ones); 0.1 / 1 is W-REINFORCE.',
  references: [NEGATIVE_REINFORCEMENT],
  params,
  inputs: { adv: { type: 'Advantages', doc: 'Advantages per sequence or per token.' } },
  output: 'Advantages',
  run({ adv }: { adv: Advantages }, { positive, negative }): Advantages {
    return { ...adv, values: adv.values.map((a) => (a > 0 ? positive * a : a < 0 ? negative * a : 0)) };
  },
});
