// The importance ratio, the first of the three orthogonal choices of a policy-gradient loss (ratio,
// per-token surrogate, aggregation). Inputs are [N, L] log-probs of the current policy and of the
// policy the tokens are weighted against ("old"); the ratio comes out [N, L].
import { tf } from '@sous/core';

export type RatioLevel = 'token' | 'sequence';

/** r_t = π_θ / π_old per token. */
export function tokenRatio(logProbs: tf.Tensor, oldLogProbs: tf.Tensor): tf.Tensor {
  return tf.exp(tf.sub(logProbs, oldLogProbs));
}

/** GSPO's s_i = exp(mean over the sequence's masked tokens of log(π_θ / π_old)), the geometric
 * mean of its token ratios, repeated on each of its tokens. */
export function sequenceRatio(logProbs: tf.Tensor, oldLogProbs: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const logRatioSum = tf.sum(tf.mul(tf.sub(logProbs, oldLogProbs), mask), 1, true);
  const tokenCount = tf.maximum(tf.sum(mask, 1, true), 1);
  return tf.mul(tf.exp(tf.div(logRatioSum, tokenCount)), tf.onesLike(logProbs));
}

export function importanceRatio(
  level: RatioLevel,
  logProbs: tf.Tensor,
  oldLogProbs: tf.Tensor,
  mask: tf.Tensor,
): tf.Tensor {
  return level === 'token' ? tokenRatio(logProbs, oldLogProbs) : sequenceRatio(logProbs, oldLogProbs, mask);
}
