// rewards.overlong: DAPO's soft overlong punishment.
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { checkRollouts, rolloutsMessages, reportRewards } from '../lib/per-sequence.js';
import { DAPO } from '@sous/core/references';

export const overlong = defineNode({
  name: 'overlong',
  kind: 'reward',
  doc:
    "DAPO's soft overlong punishment of a completion of |y| tokens (stop token included), with L = max_len and " +
    'B = buffer: 0 when |y| ≤ L − B, then a linear ramp −penalty·(|y| − (L − B))/B, and −penalty beyond L. ' +
    'Add it to a correctness reward (rewards.weighted). Metric: mean.',
  references: [DAPO],
  params: z.object({
    max_len: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(0)
      .describe("L: the length that gets the full penalty; 0 uses the sampler's max_new."),
    buffer: z.number().int().min(1).max(1_000_000).default(4).describe("B: the ramp's width in tokens."),
    penalty: z.number().min(0).max(1e6).default(1).describe('The penalty at and beyond L.'),
  }),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Rewards',
  messages: rolloutsMessages,
  run({ rollouts }, p, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    const limit = p.max_len || rollouts.maxNew;
    const free = limit - p.buffer;
    const rewards = Float32Array.from(rollouts.completionLength, (length) =>
      length <= free ? 0 : -p.penalty * Math.min(1, (length - free) / p.buffer),
    );
    return reportRewards(ctx, rewards);
  },
});
