// Per-token estimators of KL(π_θ ‖ π_ref) from x = log π_θ − log π_ref on tokens sampled from π_θ
// (Schulman's k1/k2/k3). All [N, L].
import { tf } from '@sous/core';

export const KL_ESTIMATORS = ['k1', 'k2', 'k3', 'low_var'] as const;
export type KlEstimator = (typeof KL_ESTIMATORS)[number];

/** verl's `low_var_kl` clamps: the log-ratio to ±20, the estimate to ±10. */
const LOG_RATIO_BOUND = 20;
const ESTIMATE_BOUND = 10;

export function klEstimate(estimator: KlEstimator, logProbs: tf.Tensor, refLogProbs: tf.Tensor): tf.Tensor {
  const x = tf.sub(logProbs, refLogProbs);
  switch (estimator) {
    case 'k1':
      return x; // unbiased, high variance, can be negative
    case 'k2':
      return tf.mul(tf.square(x), 0.5); // biased, low variance
    case 'k3':
      return k3(x); // exp(−x) + x − 1: unbiased, ≥ 0
    case 'low_var':
      return tf.clipByValue(k3(tf.clipByValue(x, -LOG_RATIO_BOUND, LOG_RATIO_BOUND)), -ESTIMATE_BOUND, ESTIMATE_BOUND);
  }
}

function k3(x: tf.Tensor): tf.Tensor {
  return tf.sub(tf.add(tf.exp(tf.neg(x)), x), 1);
}
