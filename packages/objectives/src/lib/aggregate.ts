// Aggregation, the third orthogonal choice: how masked per-token losses [N, L] become one scalar.
// The named GRPO-family losses differ only here:
//   token_mean           Σ m·ℓ / Σ m                          (DAPO; TRL "dapo"/"bnpo", verl token-mean)
//   seq_mean_token_mean  mean_i (Σ_t m·ℓ / Σ_t m)             (original GRPO)
//   seq_mean_token_sum   mean_i Σ_t m·ℓ                        (REINFORCE on whole sequences)
//   constant             Σ m·ℓ / (N · normaliser)              (Dr. GRPO; normaliser = max_new)
// Sequence means run over the sequences with at least one unmasked token; an all-masked batch
// gives 0 (no gradient) rather than NaN.
import { tf } from '@sous/core';

export const AGGREGATIONS = ['token_mean', 'seq_mean_token_mean', 'seq_mean_token_sum', 'constant'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export function aggregate(perToken: tf.Tensor, mask: tf.Tensor, mode: Aggregation, normaliser: number): tf.Scalar {
  const masked = tf.mul(perToken, mask);
  const sequences = perToken.shape[0];
  if (mode === 'token_mean') return tf.div(tf.sum(masked), tf.maximum(tf.sum(mask), 1));
  if (mode === 'constant') return tf.div(tf.sum(masked), sequences * normaliser);
  const tokenCounts = tf.sum(mask, 1);
  const perSequence =
    mode === 'seq_mean_token_mean' ? tf.div(tf.sum(masked, 1), tf.maximum(tokenCounts, 1)) : tf.sum(masked, 1);
  const activeSequences = tf.sum(tf.cast(tf.greater(tokenCounts, 0), 'float32'));
  return tf.div(tf.sum(perSequence), tf.maximum(activeSequences, 1));
}
