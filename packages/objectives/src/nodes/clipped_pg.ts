// objectives.clipped_pg: the PPO-style clipped policy gradient of the GRPO family.
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { advantageMessages, advantageTensor } from '../lib/advantage-tensor.js';
import { aggregationParams } from '../lib/loss-params.js';
import { lossInputMessages, lossInputs } from '../lib/loss-inputs.js';
import { importanceRatio } from '../lib/ratio.js';
import { perTokenTensor } from '../lib/rollout-scores.js';
import { stopGradient } from '../lib/stop-gradient.js';
import { clippedSurrogate, clippedTokens } from '../lib/surrogate.js';
import { DAPO, DR_GRPO, DUAL_CLIP_PPO, GRPO, GSPO, PPO } from '@sous/core/references';

const params = z.object({
  ratio: z
    .enum(['token', 'sequence'])
    .default('token')
    .describe("Per-token ratio r_t (PPO, GRPO) or the sequence's geometric-mean ratio s_i on all its tokens (GSPO)."),
  clip: z
    .number()
    .min(0)
    .max(10)
    .default(0.2)
    .describe('ε_low: the ratio is clipped below at 1 − ε_low (GSPO uses ~3e-4).'),
  clip_high: z
    .number()
    .min(0)
    .max(10)
    .optional()
    .describe("ε_high: clipped above at 1 + ε_high (default ε_low; DAPO's clip-higher 0.28)."),
  dual_clip: z
    .number()
    .min(0)
    .max(100)
    .refine((c) => c === 0 || c > 1, 'dual_clip must be 0 (off) or greater than 1')
    .default(0)
    .describe("c > 1 caps a negative-advantage token's loss at −c·A (dual clip, verl clip_ratio_c); 0 is off."),
  old: z
    .enum(['detached', 'sampler'])
    .default('detached')
    .describe(
      "The ratio's denominator: the current policy with its gradient stopped (on-policy, ratio 1) or the log-probs the sampler recorded (off-policy correction).",
    ),
  ...aggregationParams('token_mean'),
});

export const clipped_pg = defineNode({
  name: 'clipped_pg',
  kind: 'loss',
  doc:
    'Clipped policy-gradient loss ℓ_t = −min(r·A, clip(r, 1−ε_low, 1+ε_high)·A), aggregated over the mask. ' +
    'Three independent choices: the ratio (token, or sequence = GSPO), the surrogate (clip, clip_high, dual_clip) ' +
    'and the aggregation: token_mean is DAPO (TRL "dapo"/"bnpo"), seq_mean_token_mean is GRPO, constant is ' +
    "Dr. GRPO. The policy scores tokens at the sampler's temperature. Metric: clip_frac, the share of masked " +
    'tokens whose clipped branch is active.',
  references: [PPO, GRPO, DAPO, GSPO, DR_GRPO, DUAL_CLIP_PPO],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    rollouts: { type: 'Rollouts' },
    adv: { type: 'Advantages' },
    mask: { type: 'Mask', doc: 'The tokens that count, e.g. objectives.completion_mask(rollouts).' },
  },
  output: 'Loss',
  messages: { ...lossInputMessages, ...advantageMessages },
  run({ policy, rollouts, adv, mask }, p, ctx): tf.Scalar {
    const inputs = lossInputs(policy, rollouts, mask, p, ctx);
    const oldLogProbs =
      p.old === 'sampler' ? perTokenTensor(rollouts.sampleLogProbs, rollouts) : stopGradient(inputs.logProbs);
    const ratio = importanceRatio(p.ratio, inputs.logProbs, oldLogProbs, inputs.mask);
    const advantages = advantageTensor(adv, rollouts, ctx.fail);
    const clip = { clipLow: p.clip, clipHigh: p.clip_high ?? p.clip, dualClip: p.dual_clip };
    ctx.metric(
      'clip_frac',
      tf.tidy(() => inputs.aggregate(clippedTokens(ratio, advantages, clip)).dataSync()[0]),
    );
    return inputs.aggregate(clippedSurrogate(ratio, advantages, clip));
  },
});
