// rewards.regex: a format reward.
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { checkRollouts, rolloutsMessages, perSequence, reportRewards } from '../lib/per-sequence.js';

const params = z
  .object({
    pattern: z.string().min(1).describe('A JavaScript regular expression, e.g. "^-?[0-9]+$".'),
    flags: z
      .string()
      .regex(/^[dgimsuvy]*$/, 'flags may only use the letters d g i m s u v y')
      .default('')
      .describe('Regular expression flags, e.g. "i".'),
    full: z.boolean().default(false).describe('Require the whole completion to match (otherwise any match counts).'),
    match: z.number().min(-1e6).max(1e6).default(1).describe('Reward when it matches.'),
    miss: z.number().min(-1e6).max(1e6).default(0).describe('Reward when it does not.'),
  })
  .superRefine(({ pattern, flags }, issues) => {
    try {
      new RegExp(pattern, flags);
    } catch (error) {
      issues.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });

export const regex = defineNode({
  name: 'regex',
  kind: 'reward',
  doc: 'Format reward: `match` when the completion text matches `pattern` (the whole text with full: true), else `miss`. Metric: mean.',
  params,
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Rewards',
  messages: rolloutsMessages,
  run({ rollouts }, p, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    const expression = new RegExp(p.full ? `^(?:${p.pattern})$` : p.pattern, p.flags.replace('g', ''));
    return reportRewards(
      ctx,
      perSequence(rollouts, (text) => (expression.test(text) ? p.match : p.miss)),
    );
  },
});
