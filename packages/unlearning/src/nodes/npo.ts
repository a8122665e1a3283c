// unlearning.npo: negative preference optimisation on the forget set.
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { DPO, NPO } from '@sous/core/references';
import { preferenceLoss, stopGradient } from '@sous/objectives';
import { forgetLogProbMessages, forgetLogProbs } from '../losses/forget-log-probs.js';

export const npo = defineNode({
  name: 'npo',
  kind: 'loss',
  doc:
    'Negative preference optimisation: DPO with the forget answer as the rejected side and no chosen ' +
    'side. With ℓ(y|x) the sum of token log-probs of a forget answer (eos included) and ' +
    'u = ℓ_θ(y|x) − ℓ_ref(y|x), the loss is the mean over forget examples of −(2/β) log σ(−βu) = ' +
    "(2/β)·DPO's sigmoid loss at margin −u. Its gradient is gradient ascent's weighted by " +
    '2σ(βu) ≤ 2, which vanishes once the policy has lowered an answer well below the reference — the ' +
    'brake that keeps NPO from collapsing the model. No gradient reaches the reference. Add a retain ' +
    'term in the recipe (+ objectives.nll(policy, retain)) for NPO+RT. Logs forget_log_ratio (mean u).',
  references: [NPO, DPO],
  params: z.object({
    beta: z
      .number()
      .gt(0)
      .max(1e3)
      .default(0.1)
      .describe('β: as β → 0 the loss tends to the mean log-ratio u (gradient ascent against the reference).'),
  }),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being unlearned.' },
    ref: { type: 'Model', doc: 'The model before unlearning, frozen: models.frozen(policy) read first in this stage.' },
    forget: { type: 'Batch', doc: 'Forget examples, e.g. samplers.dataset(facts.forget).' },
  },
  output: 'Loss',
  messages: forgetLogProbMessages,
  run({ policy, ref, forget }, { beta }, ctx): tf.Scalar {
    const current = forgetLogProbs(policy, 'policy', forget, 'forget', ctx.fail).sums;
    const reference = stopGradient(forgetLogProbs(ref, 'ref', forget, 'forget', ctx.fail).sums);
    const logRatio = tf.sub(current, reference);
    ctx.metric(
      'forget_log_ratio',
      tf.tidy(() => tf.mean(logRatio).dataSync()[0]),
    );
    const perExample = preferenceLoss('sigmoid', tf.neg(logRatio), { beta, labelSmoothing: 0 });
    return tf.mul(tf.mean(perExample), 2 / beta) as tf.Scalar;
  },
});
