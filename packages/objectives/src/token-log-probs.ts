// Per-token log-likelihoods under teacher forcing, the building block of likelihood losses.
import { customGradient, FUSED_KERNELS, fusedKernelAvailable, tf, type Batch, type LanguageModel } from '@sous/core';

/**
 * log p(tokens[:, t] | tokens[:, <t]) for t = 1..T-1, shape [batch, T-1]: column j scores token
 * j + 1. The model sees tokens[:, :T-1]. The target's log-probability is picked with a one-hot
 * product rather than a gather, which has no gradient kernel on wasm; where the backend fuses it
 * (native), one kernel each way computes the same numbers without the [rows, vocab] log-softmax.
 */
export function tokenLogProbs(model: LanguageModel, tokens: tf.Tensor2D): tf.Tensor2D {
  const [batch, length] = tokens.shape;
  const steps = length - 1;
  const inputs = tf.slice(tokens, [0, 0], [batch, steps]);
  const targets = tf.cast(tf.reshape(tf.slice(tokens, [0, 1], [batch, steps]), [batch * steps]), 'int32');
  const logits = model.logits(inputs);
  const vocab = logits.shape[2];
  const rows = tf.reshape(logits, [batch * steps, vocab]) as tf.Tensor2D;
  const picked = fusedKernelAvailable(FUSED_KERNELS.tokenLogProb)
    ? fusedPick(rows, targets as tf.Tensor1D)
    : tf.sum(tf.mul(tf.logSoftmax(rows), tf.oneHot(targets as tf.Tensor1D, vocab)), 1);
  return tf.reshape(picked, [batch, steps]);
}

/** logSoftmax(logits)[i, targets[i]] per row as one kernel each way (FUSED_KERNELS.tokenLogProb):
 * the backward pass keeps the logits and a log-sum per row, and recomputes the softmax, instead
 * of keeping the [rows, vocab] log-softmax and one-hot product on the tape. */
function fusedPick(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const op = customGradient<tf.Tensor1D, [tf.Tensor2D, tf.Tensor1D]>((input, ids, save) => {
    const [picked, logSum] = tf
      .engine()
      .runKernel(FUSED_KERNELS.tokenLogProb, { logits: input, targets: ids }) as tf.Tensor[];
    save([input, ids, logSum]);
    return {
      value: picked as tf.Tensor1D,
      gradFunc: (dy, [savedLogits, savedIds, savedLogSum]) => [
        tf.engine().runKernel(FUSED_KERNELS.tokenLogProbGrad, {
          dy,
          logits: savedLogits,
          targets: savedIds,
          logSum: savedLogSum,
        }) as tf.Tensor,
        tf.zerosLike(savedIds),
      ],
    };
  });
  return op(logits, targets);
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
