// objectives.dpo: direct preference optimisation and its relatives (IPO, SLiC hinge, cDPO).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { pairLogRatios, pairMessages } from '../lib/pair-log-ratios.js';
import { PREFERENCE_LOSSES, preferenceLoss } from '../lib/preference-loss.js';
import { DPO, IPO, SLIC_HF } from '@sous/core/references';

const params = z.object({
  beta: z
    .number()
    .gt(0)
    .max(1e3)
    .default(0.1)
    .describe(
      'β: the strength of the implicit KL to the reference (sigmoid), 1/β the margin asked for (hinge), 1/(2β) the target margin (ipo).',
    ),
  loss: z
    .enum(PREFERENCE_LOSSES)
    .default('sigmoid')
    .describe('"sigmoid": DPO, −log σ(βu); "ipo": (u − 1/(2β))²; "hinge": SLiC/RSO, max(0, 1 − βu).'),
  label_smoothing: z
    .number()
    .min(0)
    .lt(0.5)
    .default(0)
    .describe(
      'ε of conservative DPO (cDPO), the assumed rate of flipped labels: −(1−ε) log σ(βu) − ε log σ(−βu). Sigmoid loss only.',
    ),
});

export const dpo = defineNode({
  name: 'dpo',
  kind: 'loss',
  doc:
    "The DPO family's loss, averaged over pairs. With ℓ(y|x) the sum of token log-probs of an answer " +
    '(eos included) and u = [ℓ_θ(y⁺|x) − ℓ_ref(y⁺|x)] − [ℓ_θ(y⁻|x) − ℓ_ref(y⁻|x)]: "sigmoid" is DPO, ' +
    '−(1−ε) log σ(βu) − ε log σ(−βu) (ε = label_smoothing, cDPO); "ipo" is IPO, (u − 1/(2β))², on sums ' +
    'of log-probs as in the IPO paper (TRL averages them over tokens instead); "hinge" is SLiC/RSO, ' +
    'max(0, 1 − βu). No gradient reaches the reference. Logs reward_accuracy (share of pairs with u > 0) ' +
    'and reward_margin (mean βu) of the batch.',
  references: [DPO, IPO, SLIC_HF],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    ref: {
      type: 'Model',
      doc: 'The frozen reference, e.g. a top-level models.frozen(policy) read first in this stage.',
    },
    pairs: { type: 'Pairs', doc: 'Chosen and rejected answers, e.g. samplers.pairs(prefs.train).' },
  },
  output: 'Loss',
  messages: {
    ...pairMessages,
    smoothingNeedsSigmoid: {
      message: 'label_smoothing applies to loss: "sigmoid" only, not "{{loss}}"',
      hint: 'Remove label_smoothing or use loss: "sigmoid".',
    },
  },
  run({ policy, ref, pairs }, { beta, loss, label_smoothing }, ctx): tf.Scalar {
    if (label_smoothing > 0 && loss !== 'sigmoid') ctx.fail('smoothingNeedsSigmoid', { loss });
    const { chosen, rejected } = pairLogRatios(policy, ref, pairs, ctx.fail);
    const margin = tf.sub(chosen, rejected);
    ctx.metric(
      'reward_accuracy',
      tf.tidy(() => tf.mean(tf.cast(tf.greater(margin, 0), 'float32')).dataSync()[0]),
    );
    ctx.metric(
      'reward_margin',
      tf.tidy(() => tf.mean(tf.mul(margin, beta)).dataSync()[0]),
    );
    return tf.mean(preferenceLoss(loss, margin, { beta, labelSmoothing: label_smoothing })) as tf.Scalar;
  },
});
