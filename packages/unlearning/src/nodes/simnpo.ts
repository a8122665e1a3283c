// unlearning.simnpo: reference-free, length-normalised NPO.
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { SIMNPO } from '@sous/core/references';
import { preferenceLoss } from '@sous/objectives';
import { forgetLogProbMessages, forgetLogProbs } from '../losses/forget-log-probs.js';

export const simnpo = defineNode({
  name: 'simnpo',
  kind: 'loss',
  doc:
    'SimNPO: NPO without a reference model, on the mean token log-prob of each forget answer. With ' +
    'ℓ̄ = ℓ_θ(y|x)/|y| (|y| counts the answer tokens and eos), the loss is the mean over forget ' +
    "examples of −(2/β) log σ(−βℓ̄ − γ) = (2/β)·DPO's sigmoid loss at margin −ℓ̄ − γ/β. open-unlearning " +
    'writes the same loss with δ = γ/β. Its gradient is the length-normalised ascent weighted by ' +
    '2σ(βℓ̄ + γ), which vanishes as the answer becomes improbable. Add a retain term in the recipe ' +
    '(+ objectives.nll(policy, retain)). Logs forget_mean_log_prob (mean ℓ̄).',
  references: [SIMNPO],
  params: z.object({
    beta: z.number().gt(0).max(1e3).default(4.5).describe('β, the inverse temperature (open-unlearning TOFU: 4.5).'),
    gamma: z
      .number()
      .min(-100)
      .max(100)
      .default(0)
      .describe('γ, the reward margin: the weight σ(βℓ̄ + γ) falls to ½ at ℓ̄ = −γ/β.'),
  }),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being unlearned.' },
    forget: { type: 'Batch', doc: 'Forget examples, e.g. samplers.dataset(facts.forget).' },
  },
  output: 'Loss',
  messages: forgetLogProbMessages,
  run({ policy, forget }, { beta, gamma }, ctx): tf.Scalar {
    const { sums, lengths } = forgetLogProbs(policy, 'policy', forget, 'forget', ctx.fail);
    const meanLogProb = tf.div(sums, tf.maximum(lengths, 1));
    ctx.metric(
      'forget_mean_log_prob',
      tf.tidy(() => tf.mean(meanLogProb).dataSync()[0]),
    );
    const margin = tf.sub(tf.neg(meanLogProb), gamma / beta);
    const perExample = preferenceLoss('sigmoid', margin, { beta, labelSmoothing: 0 });
    return tf.mul(tf.mean(perExample), 2 / beta) as tf.Scalar;
  },
});
