// Per-sequence mean token log-likelihood under a language model, the score both provenance tests
// correlate or compare: ℓ(d) = (1/|d|) Σ_t log p(d_t | d_<t) over the targets of each row.
import { tf, type Batch, type LanguageModel } from '@sous/core';
import { tokenLogProbs } from '@sous/objectives';

/** Rows scored per forward pass. */
const CHUNK = 64;

/** ℓ of every row of `batch` (targets per its targetMask); rows without targets score NaN. */
export function meanTargetLogLikelihoods(model: LanguageModel, batch: Batch): Float64Array {
  const scores = new Float64Array(batch.size);
  for (let start = 0; start < batch.size; start += CHUNK) {
    const rows = Math.min(CHUNK, batch.size - start);
    const values = tf.tidy(() => {
      const tokens = tf.tensor2d(
        batch.tokens.subarray(start * batch.length, (start + rows) * batch.length),
        [rows, batch.length],
        'int32',
      );
      const mask = tf.slice(
        tf.tensor2d(batch.targetMask.subarray(start * batch.length, (start + rows) * batch.length), [
          rows,
          batch.length,
        ]),
        [0, 1],
        [rows, batch.length - 1],
      );
      return tf.div(tf.sum(tf.mul(tokenLogProbs(model, tokens), mask), 1), tf.sum(mask, 1));
    });
    scores.set(values.dataSync(), start);
    values.dispose();
  }
  return scores;
}
