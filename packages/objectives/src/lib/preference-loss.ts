// Per-pair losses of the DPO family as functions of u = [ℓ_θ − ℓ_ref](y⁺) − [ℓ_θ − ℓ_ref](y⁻),
// the margin of log-ratios (TRL's DPOTrainer loss_type values of the same names).
import { tf } from '@sous/core';

export const PREFERENCE_LOSSES = ['sigmoid', 'ipo', 'hinge'] as const;
export type PreferenceLoss = (typeof PREFERENCE_LOSSES)[number];

export interface PreferenceLossOptions {
  beta: number;
  /** ε of conservative DPO (sigmoid only): the assumed share of pairs whose labels are flipped. */
  labelSmoothing: number;
}

/** [P] loss of each pair. */
export function preferenceLoss(
  kind: PreferenceLoss,
  margin: tf.Tensor,
  { beta, labelSmoothing }: PreferenceLossOptions,
): tf.Tensor {
  switch (kind) {
    case 'sigmoid': {
      // −(1−ε) log σ(βu) − ε log σ(−βu), with −log σ(x) = softplus(−x) (tfjs's logSigmoid loses
      // its input under variableGrads).
      const scaled = tf.mul(margin, beta);
      const agree = tf.mul(tf.softplus(tf.neg(scaled)), 1 - labelSmoothing);
      const flipped = tf.mul(tf.softplus(scaled), labelSmoothing);
      return tf.add(agree, flipped);
    }
    case 'ipo':
      // (u − 1/(2β))²: regress the margin onto a fixed target instead of pushing it to infinity.
      return tf.square(tf.sub(margin, 1 / (2 * beta)));
    case 'hinge':
      // max(0, 1 − βu): SLiC / RSO; 1/β is the margin asked for.
      return tf.relu(tf.sub(1, tf.mul(margin, beta)));
  }
}
