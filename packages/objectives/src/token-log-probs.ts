// Per-token log-likelihoods under teacher forcing, the building block of likelihood losses.
import { tf, type Batch, type LanguageModel } from '@sous/core';

/**
 * log p(tokens[:, t] | tokens[:, <t]) for t = 1..T-1, shape [batch, T-1]: column j scores token
 * j + 1. The model sees tokens[:, :T-1]. The target's log-probability is picked with a one-hot
 * product rather than a gather, which has no gradient kernel on wasm.
 */
export function tokenLogProbs(model: LanguageModel, tokens: tf.Tensor2D): tf.Tensor2D {
  const [batch, length] = tokens.shape;
  const steps = length - 1;
  const inputs = tf.slice(tokens, [0, 0], [batch, steps]);
  const targets = tf.reshape(tf.slice(tokens, [0, 1], [batch, steps]), [batch * steps]);
  const logits = model.logits(inputs);
  const vocab = logits.shape[2];
  const logProbs = tf.logSoftmax(tf.reshape(logits, [batch * steps, vocab]));
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(tf.cast(targets, 'int32'), vocab)), 1);
  return tf.reshape(picked, [batch, steps]);
}

/**
 * Per row of a teacher-forcing batch, the sum and the count of its target tokens' log-probs
 * (answer tokens and eos, per `targetMask`): ℓ(y|x) = Σ_t log p(y_t | x, y_<t) and |y|, shape [size].
 */
export function answerLogProbs(model: LanguageModel, batch: Batch): { sums: tf.Tensor1D; lengths: tf.Tensor1D } {
  const { size, length, tokens, targetMask } = batch;
  const targets = tf.slice(tf.tensor2d(targetMask, [size, length]), [0, 1], [size, length - 1]);
  const logProbs = tokenLogProbs(model, tf.tensor2d(tokens, [size, length], 'int32'));
  return { sums: tf.sum(tf.mul(logProbs, targets), 1), lengths: tf.sum(targets, 1) };
}
