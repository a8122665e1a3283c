// __namespace__.threshold: a reward turned into a pass/fail reward.
import { defineNode } from '@sous/core';
import { z } from 'zod';

export const threshold = defineNode({
  name: 'threshold',
  kind: 'reward',
  doc:
    'Turns a reward into a pass/fail one: `above` where the reward is at least `at`, `below` where it ' +
    'is under; an abstained reward (NaN) stays abstained. Metric: pass_share, the share of scored ' +
    'sequences that passed.',
  params: z.object({
    at: z.number().default(0.5).describe('The smallest reward that passes.'),
    below: z.number().default(0).describe('The reward of a sequence that does not pass.'),
    above: z.number().default(1).describe('The reward of a sequence that passes.'),
  }),
  inputs: {
    reward: { type: 'Rewards', doc: 'The reward to threshold, one number per sequence.' },
  },
  output: 'Rewards',
  messages: {
    order: {
      message: 'below {{below}} is not less than above {{above}}',
      hint: 'A pass must earn more than a fail, e.g. below: 0, above: 1.',
    },
  },
  run({ reward }, { at, below, above }, ctx) {
    if (!(below < above)) ctx.fail('order', { below, above });
    const out = reward.map((r) => (Number.isNaN(r) ? NaN : r >= at ? above : below));
    const scored = out.filter((r) => !Number.isNaN(r));
    const passed = scored.filter((r) => r === above).length;
    ctx.metric('pass_share', scored.length === 0 ? 0 : passed / scored.length);
    return out;
  },
});
