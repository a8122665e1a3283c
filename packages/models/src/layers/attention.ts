// Multi-head attention (the core between GPT-2's c_attn and c_proj). `attend` is the one
// softmax(q·kᵀ/√headDim + bias)·v of every model here: the GPT's causal self-attention, the
// encoder's bidirectional self-attention and the decoder's cross-attention (with padding biases)
// all call it. Causal self-attention, with optional keys and values of earlier positions (the KV
// cache), has two paths, one function:
// - composite ops: heads batched as [batch·heads, time, headDim], every product through matMul's
//   fast gradient;
// - one fused kernel each way where the backend has it (FUSED_KERNELS.attention, the native
//   backend): it reads q | k | v straight from c_attn's output, with no split, transpose or concat;
//   for decoding, FUSED_KERNELS.attentionDecode extends the KV cache's preallocated buffers in place.
import { customGradient, FUSED_KERNELS, matMul, swapLastAxes, tf } from '@sous/core';

/** Keys and values of one layer: [batch·heads, positions, headDim] each on the composite path,
 * preallocated [batch, capacity, d] buffers on the fused one (a cache is used by one path only). */
export interface LayerKv {
  keys: tf.Tensor3D;
  values: tf.Tensor3D;
}

/** Added to the scores of future (or padded) positions: their softmax weight becomes exactly 0. */
const MASKED = -1e9;

/** [time, length] additive mask: query i (at absolute position length − time + i) sees keys ≤ it. */
function causalMask(time: number, length: number): tf.Tensor2D {
  const offset = length - time;
  const bias = new Float32Array(time * length);
  for (let i = 0; i < time; i++) {
    for (let j = offset + i + 1; j < length; j++) bias[i * length + j] = MASKED;
  }
  return tf.tensor2d(bias, [time, length]);
}

/** [batch·heads, 1, keys] additive bias hiding the keys where `keep` [batch·keys] is 0 (padding). */
export function keyPaddingBias(keep: ArrayLike<number>, batch: number, heads: number): tf.Tensor3D {
  const keys = keep.length / batch;
  const bias = new Float32Array(batch * heads * keys);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < keys; j++) {
      if (keep[b * keys + j] === 0) for (let h = 0; h < heads; h++) bias[(b * heads + h) * keys + j] = MASKED;
    }
  }
  return tf.tensor3d(bias, [batch * heads, 1, keys]);
}

/** [batch·time, heads·headDim] → [batch·heads, time, headDim]. */
export function splitHeads(x: tf.Tensor2D, batch: number, time: number, heads: number): tf.Tensor3D {
  const headDim = x.shape[1] / heads;
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, time, heads, headDim]), [0, 2, 1, 3]), [
    batch * heads,
    time,
    headDim,
  ]);
}

/** [batch·heads, time, headDim] → [batch·time, heads·headDim]. */
function mergeHeads(x: tf.Tensor3D, batch: number, heads: number): tf.Tensor2D {
  const [, time, headDim] = x.shape;
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, heads, time, headDim]), [0, 2, 1, 3]), [
    batch * time,
    heads * headDim,
  ]);
}

/**
 * softmax(q·kᵀ/√headDim + causal mask)·v per head, for q, k, v [batch·time, d] (head j at columns
 * j·headDim..). With `past`, the new keys/values follow its positions. Returns the merged heads
 * [batch·time, d] and the layer's keys/values including the new ones.
 */
export function causalSelfAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  batch: number,
  time: number,
  heads: number,
  past?: LayerKv,
): { output: tf.Tensor2D; kv: LayerKv } {
  const newKeys = splitHeads(k, batch, time, heads);
  const newValues = splitHeads(v, batch, time, heads);
  const keys = past ? tf.concat([past.keys, newKeys], 1) : newKeys;
  const values = past ? tf.concat([past.values, newValues], 1) : newValues;
  // A single new position may see every cached one: no mask needed.
  const output = attend(
    q,
    { keys, values },
    batch,
    time,
    heads,
    time > 1 ? causalMask(time, keys.shape[1]) : undefined,
  );
  return { output, kv: { keys, values } };
}

/**
 * softmax(q·kᵀ/√headDim + bias)·v per head for queries q [batch·time, d] against `kv` in head
 * layout ([batch·heads, keys, headDim], see splitHeads). `bias` broadcasts to [batch·heads, time,
 * keys] (a causal mask [time, keys], a padding bias [batch·heads, 1, keys], or their sum); none
 * lets every query see every key. Returns the merged heads [batch·time, d].
 */
export function attend(
  q: tf.Tensor2D,
  kv: LayerKv,
  batch: number,
  time: number,
  heads: number,
  bias?: tf.Tensor,
): tf.Tensor2D {
  const headDim = q.shape[1] / heads;
  const queries = tf.mul(splitHeads(q, batch, time, heads), 1 / Math.sqrt(headDim)) as tf.Tensor3D;
  let scores = matMul(queries, swapLastAxes(kv.keys) as tf.Tensor3D);
  if (bias) scores = tf.add(scores, bias);
  return mergeHeads(matMul(tf.softmax(scores), kv.values), batch, heads);
}

/**
 * The same attention from qkv [batch·time, 3d] (c_attn's output: columns q | k | v) by the fused
 * kernel, with no past positions (training, full forward passes): differentiable with respect to qkv.
 */
export function fusedCausalSelfAttention(qkv: tf.Tensor2D, batch: number, time: number, heads: number): tf.Tensor2D {
  const attrs = { batch, time, heads };
  const op = customGradient<tf.Tensor2D, [tf.Tensor2D]>((input, save) => {
    const [output, probs] = tf.engine().runKernel(FUSED_KERNELS.attention, { qkv: input }, attrs) as tf.Tensor[];
    save([input, probs]);
    return {
      value: output as tf.Tensor2D,
      gradFunc: (dy, [savedQkv, savedProbs]) =>
        tf
          .engine()
          .runKernel(FUSED_KERNELS.attentionGrad, { dy, qkv: savedQkv, probs: savedProbs }, attrs) as tf.Tensor,
    };
  });
  return op(qkv);
}

/**
 * KV-cached decoding by the fused kernel (forward only): writes the keys/values of qkv's `time` new
 * positions into the cache's buffers `kv` ([batch, capacity, d], `past` positions filled) in place
 * and returns the attention output [batch·time, d] over all past + time positions.
 */
export function fusedDecodeSelfAttention(
  qkv: tf.Tensor2D,
  batch: number,
  time: number,
  heads: number,
  kv: LayerKv,
  past: number,
): tf.Tensor2D {
  return tf
    .engine()
    .runKernel(
      FUSED_KERNELS.attentionDecode,
      { qkv, keys: kv.keys, values: kv.values },
      { batch, time, heads, past },
    ) as tf.Tensor2D;
}
