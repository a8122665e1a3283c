// objectives.kl_penalty: the KL to a reference as a per-sequence reward penalty (PPO / RLOO style).
import { z } from 'zod';
import { defineNode, tf, type Rewards } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { checkMask, maskMessages } from '../lib/checks.js';
import { KL_ESTIMATORS, klEstimate } from '../lib/kl-estimators.js';
import { perTokenTensor, rolloutLogProbs } from '../lib/rollout-scores.js';
import { KL_APPROXIMATION } from '@sous/core/references';

const params = z.object({
  estimator: z
    .enum(KL_ESTIMATORS)
    .default('k1')
    .describe("Per-token estimator, as in objectives.kl (k1 is TRL's RLOO/PPO default)."),
});

export const kl_penalty = defineNode({
  name: 'kl_penalty',
  kind: 'reward',
  doc:
    'Per-sequence KL estimate Σ_t m_t·k(log π_θ − log π_ref) over the completion tokens (or `mask`), computed ' +
    'without gradient: subtract it from a reward to put the KL in the reward, e.g. ' +
    '`reward = rewards.exact_answer(r, task) - 0.05 * objectives.kl_penalty(policy, ref, r)`.',
  references: [KL_APPROXIMATION],
  params,
  inputs: {
    policy: { type: 'Model' },
    ref: { type: 'Model', doc: 'The frozen reference.' },
    rollouts: { type: 'Rollouts' },
    mask: { type: 'Mask', optional: true, doc: 'The tokens summed (default: the completion tokens).' },
  },
  output: 'Rewards',
  messages: { ...languageModelMessages, ...maskMessages },
  run({ policy, ref, rollouts, mask }, { estimator }, ctx): Rewards {
    const tokens = mask ?? rollouts.completionMask;
    checkMask(tokens, rollouts, ctx.fail);
    const penalty = tf.tidy(() => {
      const logProbs = rolloutLogProbs(asLanguageModel(policy, 'policy', ctx.fail), rollouts);
      const refLogProbs = rolloutLogProbs(asLanguageModel(ref, 'ref', ctx.fail), rollouts);
      return tf
        .sum(tf.mul(klEstimate(estimator, logProbs, refLogProbs), perTokenTensor(tokens, rollouts)), 1)
        .dataSync() as Float32Array;
    });
    ctx.metric('mean', penalty.reduce((a, b) => a + b, 0) / penalty.length);
    return penalty;
  },
});
