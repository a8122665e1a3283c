// rewards.brier: RLCR's correctness-plus-calibration reward (Damani et al. 2025).
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { checkRollouts, rolloutsMessages, perSequence, reportRewards } from '../lib/per-sequence.js';
import { RLCR } from '@sous/core/references';

const params = z
  .object({
    pattern: z
      .string()
      .min(1)
      .default('<confidence>\\s*([0-9]*\\.?[0-9]+)\\s*</confidence>')
      .describe(
        'A regular expression whose first group captures the stated confidence; the text before the match is the answer.',
      ),
    scale: z
      .number()
      .gt(0)
      .max(1e6)
      .default(1)
      .describe('The captured number is divided by this (100 for a percentage, 9 for a digit 0-9).'),
    format_penalty: z
      .number()
      .min(-1e6)
      .max(1e6)
      .default(-1)
      .describe('Reward of a completion with no confidence, or one outside [0, 1].'),
  })
  .superRefine(({ pattern }, issues) => {
    try {
      // The added empty alternative always matches, so the result's length tells the group count.
      if (new RegExp(`${pattern}|`).exec('')!.length < 2)
        issues.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: 'the pattern needs a capture group for the confidence',
        });
    } catch (error) {
      issues.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });

export const brier = defineNode({
  name: 'brier',
  kind: 'reward',
  doc:
    'RLCR calibration reward: the completion states an answer and then a confidence q ∈ [0, 1] ' +
    '(by default "<confidence>0.8</confidence>"); with c = 1 if the task\'s verifier accepts the answer (the text ' +
    'before the confidence), R = c − (q − c)², correctness minus the Brier score. A missing or out-of-range ' +
    'confidence gets format_penalty. Metric: mean.',
  references: [RLCR],
  params,
  inputs: {
    rollouts: { type: 'Rollouts' },
    task: { type: 'Task', doc: 'The task whose verifier judges the answers.' },
  },
  output: 'Rewards',
  messages: rolloutsMessages,
  run({ rollouts, task }, p, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    const expression = new RegExp(p.pattern);
    return reportRewards(
      ctx,
      perSequence(rollouts, (text, example) => {
        const found = expression.exec(text);
        const q = found === null ? NaN : Number(found[1]) / p.scale;
        if (!(q >= 0 && q <= 1)) return p.format_penalty;
        const c = task.verify(text.slice(0, found!.index).trim(), example) ? 1 : 0;
        return c - (q - c) ** 2;
      }),
    );
  },
});
