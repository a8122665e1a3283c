// objectives.topr: tapered off-policy REINFORCE (Le Roux et al. 2025).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { advantageMessages, advantageTensor } from '../lib/advantage-tensor.js';
import { aggregationParams } from '../lib/loss-params.js';
import { lossInputMessages, lossInputs } from '../lib/loss-inputs.js';
import { perTokenTensor } from '../lib/rollout-scores.js';
import { stopGradient } from '../lib/stop-gradient.js';
import { policyGradientSurrogate } from '../lib/surrogate.js';
import { TOPR } from '@sous/core/references';

export const topr = defineNode({
  name: 'topr',
  kind: 'loss',
  doc:
    'Tapered off-policy REINFORCE (TOPR): ℓ = −sg(w)·A·log π_θ with w = 1 where A ≥ 0 (plain SFT-like ' +
    'push up, however unlikely the sample has become) and w = min(ρ, 1) where A < 0, ρ = π_θ(τ)/μ(τ) the ' +
    "sequence ratio to the sampler's recorded log-probs over the masked tokens (truncated importance sampling " +
    'stops pushing a bad sample down once the policy has left it). Stable off-policy without a KL term. ' +
    'The baseline c of the paper is objectives.reinforce_advantage(baseline: "constant", constant: c).',
  references: [TOPR],
  params: z.object(aggregationParams('seq_mean_token_sum')),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    rollouts: { type: 'Rollouts', doc: 'Samples of the behaviour policy μ, with its log-probs.' },
    adv: { type: 'Advantages', doc: 'R − c per sequence.' },
    mask: { type: 'Mask', doc: 'The tokens that count, e.g. objectives.completion_mask(rollouts).' },
  },
  output: 'Loss',
  messages: { ...lossInputMessages, ...advantageMessages },
  run({ policy, rollouts, adv, mask }, p, ctx): tf.Scalar {
    const inputs = lossInputs(policy, rollouts, mask, p, ctx);
    const behaviour = perTokenTensor(rollouts.sampleLogProbs, rollouts);
    const logRho = tf.sum(tf.mul(tf.sub(inputs.logProbs, behaviour), inputs.mask), 1, true);
    const truncatedRho = stopGradient(tf.exp(tf.minimum(logRho, 0)));
    const advantages = advantageTensor(adv, rollouts, ctx.fail);
    const weights = tf.where(
      tf.less(advantages, 0),
      tf.mul(truncatedRho, tf.onesLike(advantages)),
      tf.onesLike(advantages),
    );
    return inputs.aggregate(policyGradientSurrogate(inputs.logProbs, tf.mul(weights, advantages)));
  },
});
