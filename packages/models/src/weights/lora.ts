// LoRA adapters: a frozen W [d_out, d_in] plus a trainable low-rank update (α / r) B A, B [d_out, r]
// initialised to zero and A [r, d_in] random, so the adapted layer starts equal to W.
// "LoRA: Low-Rank Adaptation of Large Language Models", Hu et al., 2022.
import { SousError, tf, type Rng } from '@sous/core';

export interface LoraFactors {
  b: tf.Tensor2D;
  a: tf.Tensor2D;
}

/** B = 0, A ~ N(0, 1/d_in) (drawn from `rng`). */
export function loraInit(outputs: number, inputs: number, rank: number, rng: Rng): LoraFactors {
  if (!Number.isInteger(rank) || rank < 1 || rank > Math.min(outputs, inputs)) {
    throw new SousError(`the adapter rank must be an integer in [1, ${Math.min(outputs, inputs)}], got ${rank}`);
  }
  const scale = 1 / Math.sqrt(inputs);
  const a = Float32Array.from({ length: rank * inputs }, () => scale * rng.normal());
  return { b: tf.zeros([outputs, rank]), a: tf.tensor2d(a, [rank, inputs]) };
}

/** W + (α / r) B A: the effective weight of an adapted layer (differentiable in B and A). */
export function loraWeight(weight: tf.Tensor2D, { b, a }: LoraFactors, alpha: number): tf.Tensor2D {
  const rank = a.shape[0];
  return tf.tidy(() => tf.add(weight, tf.mul(tf.matMul(b, a), alpha / rank)));
}

/** The weights of a model whose matrices named in `adapters` carry an adapter: W + (α / r) B A for
 * weights stored [d_out, d_in], or W + (α / r) (B A)ᵀ with `storedTransposed` (GPT-2's Conv1D
 * layout [d_in, d_out]); other weights are copied. A new map the caller disposes. */
export function adaptedWeights(
  frozen: ReadonlyMap<string, tf.Tensor>,
  adapters: ReadonlyMap<string, LoraFactors>,
  alpha: number,
  storedTransposed: boolean,
): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  for (const [name, w] of frozen) {
    const adapter = adapters.get(name);
    if (!adapter) out.set(name, tf.clone(w));
    else if (!storedTransposed) out.set(name, loraWeight(w as tf.Tensor2D, adapter, alpha));
    else
      out.set(
        name,
        tf.tidy(() => tf.transpose(loraWeight(tf.transpose(w) as tf.Tensor2D, adapter, alpha))),
      );
  }
  return out;
}
