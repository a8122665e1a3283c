// objectives.kl: a KL penalty to a reference policy, in the loss (GRPO style).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { asLanguageModel } from '../language-model.js';
import { KL_ESTIMATORS, klEstimate } from '../lib/kl-estimators.js';
import { aggregationParams } from '../lib/loss-params.js';
import { lossInputMessages, lossInputs } from '../lib/loss-inputs.js';
import { rolloutLogProbs } from '../lib/rollout-scores.js';
import { GRPO, KL_APPROXIMATION } from '@sous/core/references';

const params = z.object({
  estimator: z
    .enum(KL_ESTIMATORS)
    .default('k3')
    .describe(
      "Per-token estimator of KL(π_θ‖π_ref) with x = log π_θ − log π_ref: k1 = x, k2 = x²/2, k3 = e^−x + x − 1, low_var = k3 clamped as verl's low_var_kl.",
    ),
  weight: z
    .number()
    .min(0)
    .max(1e3)
    .default(1)
    .describe(
      'β, the factor on the penalty. At 0 the node returns 0 without running either model: write `weight: 0.04` rather than `0.04 *` so that a sweep to 0 saves the reference forward.',
    ),
  ...aggregationParams('token_mean'),
});

export const kl = defineNode({
  name: 'kl',
  kind: 'loss',
  doc:
    "β · aggregate_t k(log π_θ − log π_ref) over the mask: the KL-to-reference term of GRPO's loss. " +
    'With weight 0 no forward pass of the policy or the reference runs. For the KL in the reward instead ' +
    '(PPO, RLOO), see objectives.kl_penalty.',
  references: [GRPO, KL_APPROXIMATION],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    ref: { type: 'Model', doc: 'The frozen reference, e.g. models.frozen(policy).' },
    rollouts: { type: 'Rollouts' },
    mask: { type: 'Mask', doc: 'The tokens that count, e.g. objectives.completion_mask(rollouts).' },
  },
  output: 'Loss',
  messages: lossInputMessages,
  run({ policy, ref, rollouts, mask }, p, ctx): tf.Scalar {
    if (p.weight === 0) return tf.scalar(0);
    const inputs = lossInputs(policy, rollouts, mask, p, ctx);
    const refLogProbs = rolloutLogProbs(asLanguageModel(ref, 'ref', ctx.fail), rollouts, ctx.memo);
    return tf.mul(inputs.aggregate(klEstimate(p.estimator, inputs.logProbs, refLogProbs)), p.weight);
  },
});
