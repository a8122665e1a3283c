// Per-token surrogates, the second orthogonal choice: what each token contributes to the loss
// given its advantage A and its likelihood term (a ratio, or the log-prob itself). All [N, L].
import { tf } from '@sous/core';

/** −A·term: plain policy gradient. With term = log π it is REINFORCE; with term = π_θ/sg(π_θ)
 * (a ratio equal to 1) it has the same gradient, A·∇log π. */
export function policyGradientSurrogate(term: tf.Tensor, advantages: tf.Tensor): tf.Tensor {
  return tf.neg(tf.mul(advantages, term));
}

export interface ClipOptions {
  /** ε_low: the ratio is clipped below at 1 − ε_low. */
  clipLow: number;
  /** ε_high: clipped above at 1 + ε_high (DAPO's clip-higher when > ε_low). */
  clipHigh: number;
  /** c > 1 caps the loss of negative-advantage tokens at −c·A (dual clip); 0 turns it off. */
  dualClip: number;
}

/** PPO's −min(r·A, clip(r, 1−ε_low, 1+ε_high)·A), with the dual-clip cap for A < 0. */
export function clippedSurrogate(ratio: tf.Tensor, advantages: tf.Tensor, options: ClipOptions): tf.Tensor {
  const unclipped = policyGradientSurrogate(ratio, advantages);
  const clipped = policyGradientSurrogate(tf.clipByValue(ratio, 1 - options.clipLow, 1 + options.clipHigh), advantages);
  const loss = tf.maximum(unclipped, clipped);
  if (options.dualClip === 0) return loss;
  const cap = tf.mul(advantages, -options.dualClip);
  return tf.where(tf.less(advantages, 0), tf.minimum(loss, cap), loss);
}

/** 1 where the clipped branch decides the loss (the gradient is cut), else 0: for the clip-fraction metric. */
export function clippedTokens(ratio: tf.Tensor, advantages: tf.Tensor, options: ClipOptions): tf.Tensor {
  const unclipped = policyGradientSurrogate(ratio, advantages);
  const clipped = policyGradientSurrogate(tf.clipByValue(ratio, 1 - options.clipLow, 1 + options.clipHigh), advantages);
  return tf.cast(tf.greater(clipped, unclipped), 'float32');
}
