// What a policy says about the tokens of some rollouts: per-token log-probs and entropies, [N, L]
// tensors aligned with `Rollouts.tokens` (position t scores token t; position 0, never a
// completion token, scores 0). Logits are divided by the sampler's temperature, as the sampler
// did, so that on-policy the ratio to the recorded sampler log-probs starts at 1.
import { tf, type LanguageModel, type NodeContext, type Rollouts } from '@sous/core';
import { tokenLogProbs } from '../token-log-probs.js';

/** Runs `f` without recording it on the gradient tape: ops inside a custom gradient's forward
 * are not recorded, and nothing upstream of its (integer) input can receive a gradient. */
function offTape<T extends tf.Tensor>(input: tf.Tensor, f: () => T): T {
  return tf.customGrad((x) => ({ value: f(), gradFunc: () => tf.zerosLike(x as tf.Tensor) }))(input) as T;
}

/**
 * log π(token_t | tokens_<t), [N, L]. Given the node's `ctx.memo`, the result is shared: the
 * losses that score the same rollouts with the same model in one gradient computation
 * (clipped_pg and kl in GRPO) use one forward pass, as a hand-written loss would. Pass the memo
 * only where the tensor outlives the call (not inside a tf.tidy that disposes it). A frozen model
 * (trainable false) is scored off the gradient tape, so none of its activations are kept for a
 * backward pass that cannot reach it.
 */
export function rolloutLogProbs(model: LanguageModel, rollouts: Rollouts, memo?: NodeContext['memo']): tf.Tensor2D {
  const compute = () => {
    const tokens = rolloutTokens(rollouts);
    const score = () => alignWithTokens(tokenLogProbs(atTemperature(model, rollouts.temperature), tokens));
    return model.trainable === false ? offTape(tokens, score) : score();
  };
  return memo ? memo([rolloutLogProbs, model, rollouts], compute) : compute();
}

/** Entropy −Σ_v π(v) log π(v) of the distribution each token was predicted from, [N, L]. */
export function rolloutEntropies(model: LanguageModel, rollouts: Rollouts): tf.Tensor2D {
  const { size, length } = rollouts;
  const inputs = tf.slice(rolloutTokens(rollouts), [0, 0], [size, length - 1]);
  const logits = atTemperature(model, rollouts.temperature).logits(inputs);
  const logProbs = tf.logSoftmax(logits);
  return alignWithTokens(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 2)) as tf.Tensor2D);
}

export function rolloutTokens(rollouts: Rollouts): tf.Tensor2D {
  return tf.tensor2d(rollouts.tokens, [rollouts.size, rollouts.length], 'int32');
}

/** An [N, L] tensor of an [N, L] array of the rollouts (a mask, the sampler's log-probs). */
export function perTokenTensor(values: Float32Array, rollouts: Rollouts): tf.Tensor2D {
  return tf.tensor2d(values, [rollouts.size, rollouts.length]);
}

/** The model with its logits divided by `temperature` (0, greedy sampling, reads as 1). */
function atTemperature(model: LanguageModel, temperature: number): LanguageModel {
  if (temperature === 0 || temperature === 1) return model;
  const tempered = Object.create(model) as LanguageModel;
  return Object.assign(tempered, {
    logits: (tokens: tf.Tensor2D) => tf.div(model.logits(tokens), temperature) as tf.Tensor3D,
  });
}

/** [N, L-1] scores of tokens 1..L-1 → [N, L] with a 0 for position 0. */
function alignWithTokens(scores: tf.Tensor2D): tf.Tensor2D {
  return tf.pad(scores, [
    [0, 0],
    [1, 0],
  ]);
}
