// The sublayers of a pre-LayerNorm transformer block (GPT-2's), shared by the GPT and the
// encoder–decoder so that neither holds a second copy:
//   self-attention  c_proj(attention(c_attn(ln_1(h))))   causal (GPT, decoder) or with a key bias
//                                                          (the encoder: bidirectional + padding)
//   MLP             mlp.c_proj(gelu(mlp.c_fc(ln_2(h))))
// Each returns the sublayer's output; the caller adds it to the residual stream h [batch·time, d].
// `inputsOfLinearMaps`, when given, receives what each linear map reads, by its weight name
// (CorDA's context covariances).
import { FUSED_KERNELS, fusedKernelAvailable, linear, tf } from '@sous/core';
import {
  attend,
  causalSelfAttention,
  fusedCausalSelfAttention,
  fusedDecodeSelfAttention,
  splitHeads,
  type LayerKv,
} from './attention.js';
import type { SelfAttentionKv } from './self-attention-kv.js';
import type { GeluKind } from '../gpt/config.js';
import { gelu } from './gelu.js';
import { layerNorm } from './layer-norm.js';

/** Where a block's weights are found by name. */
export interface WeightLookup {
  matrix(name: string): tf.Tensor2D;
  vector(name: string): tf.Tensor1D;
}

/** Weight names of one block's self-attention and MLP (GPT-2's, see gpt/weights.ts). */
export interface BlockWeightNames {
  ln1Weight: string;
  ln1Bias: string;
  attnWeight: string;
  attnBias: string;
  attnProjWeight: string;
  attnProjBias: string;
  ln2Weight: string;
  ln2Bias: string;
  fcWeight: string;
  fcBias: string;
  fcProjWeight: string;
  fcProjBias: string;
}

/** Rows, heads and LayerNorm epsilon of one forward pass. */
export interface BlockShape {
  batch: number;
  time: number;
  heads: number;
  eps: number;
}

/** x @ W + b split into column thirds q | k | v. Three products on column slices of the weight
 * cost less on wasm than one product and a split of its [n, 3d] result. */
function queryKeyValue(x: tf.Tensor2D, w: WeightLookup, weightName: string, biasName: string): tf.Tensor2D[] {
  const weights = tf.split(w.matrix(weightName), 3, 1) as tf.Tensor2D[];
  const biases = tf.split(w.vector(biasName), 3) as tf.Tensor1D[];
  return weights.map((weight, i) => linear(x, weight, biases[i]));
}

/**
 * Causal self-attention sublayer, by the fused kernel where the backend has it. With `cache` (a
 * decode step; its store holds the earlier positions) the new keys/values go into the store's
 * buffers in place when they are preallocated, and are otherwise returned (the layer's keys/values
 * including the new positions) for the store to keep.
 */
export function causalSelfAttentionSublayer(
  h: tf.Tensor2D,
  n: BlockWeightNames,
  w: WeightLookup,
  { batch, time, heads, eps }: BlockShape,
  cache?: { store: SelfAttentionKv; layer: number },
  inputsOfLinearMaps?: Map<string, tf.Tensor2D>,
): { output: tf.Tensor2D; kv?: LayerKv } {
  const normed = layerNorm(h, w.vector(n.ln1Weight), w.vector(n.ln1Bias), eps);
  inputsOfLinearMaps?.set(n.attnWeight, normed);
  let attention: { output: tf.Tensor2D; kv?: LayerKv };
  if (cache ? cache.store.preallocated : fusedKernelAvailable(FUSED_KERNELS.attention)) {
    const qkv = linear(normed, w.matrix(n.attnWeight), w.vector(n.attnBias));
    attention = {
      output: cache
        ? fusedDecodeSelfAttention(qkv, batch, time, heads, cache.store.layer(cache.layer)!, cache.store.length)
        : fusedCausalSelfAttention(qkv, batch, time, heads),
    };
  } else {
    attention = causalSelfAttention(
      ...(queryKeyValue(normed, w, n.attnWeight, n.attnBias) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]),
      batch,
      time,
      heads,
      cache?.store.layer(cache.layer),
    );
  }
  inputsOfLinearMaps?.set(n.attnProjWeight, attention.output);
  return {
    output: linear(attention.output, w.matrix(n.attnProjWeight), w.vector(n.attnProjBias)),
    kv: attention.kv,
  };
}

/** Self-attention sublayer where every position sees every key that `keyBias` (a padding bias,
 * see keyPaddingBias) leaves visible: the encoder's. */
export function bidirectionalSelfAttentionSublayer(
  h: tf.Tensor2D,
  n: BlockWeightNames,
  w: WeightLookup,
  { batch, time, heads, eps }: BlockShape,
  keyBias: tf.Tensor3D,
): tf.Tensor2D {
  const normed = layerNorm(h, w.vector(n.ln1Weight), w.vector(n.ln1Bias), eps);
  const [q, k, v] = queryKeyValue(normed, w, n.attnWeight, n.attnBias);
  const kv = { keys: splitHeads(k, batch, time, heads), values: splitHeads(v, batch, time, heads) };
  const output = attend(q, kv, batch, time, heads, keyBias);
  return linear(output, w.matrix(n.attnProjWeight), w.vector(n.attnProjBias));
}

/**
 * A whole block of a decoding step whose keys/values go into the store's preallocated buffers, as
 * one kernel (FUSED_KERNELS.blockDecode): h + the self-attention sublayer, then + the MLP sublayer,
 * with the numbers of the sublayers above bit for bit. undefined where the backend has no such
 * kernel or the store is not preallocated (the caller runs the sublayers).
 */
export function fusedDecodeBlock(
  h: tf.Tensor2D,
  n: BlockWeightNames,
  w: WeightLookup,
  { batch, time, heads, eps }: BlockShape,
  kind: GeluKind,
  cache: { store: SelfAttentionKv; layer: number },
): tf.Tensor2D | undefined {
  if (!cache.store.preallocated || !fusedKernelAvailable(FUSED_KERNELS.blockDecode)) return undefined;
  const { keys, values } = cache.store.layer(cache.layer)!;
  return tf.engine().runKernel(
    FUSED_KERNELS.blockDecode,
    {
      h,
      ln1Weight: w.vector(n.ln1Weight),
      ln1Bias: w.vector(n.ln1Bias),
      attnWeight: w.matrix(n.attnWeight),
      attnBias: w.vector(n.attnBias),
      attnProjWeight: w.matrix(n.attnProjWeight),
      attnProjBias: w.vector(n.attnProjBias),
      ln2Weight: w.vector(n.ln2Weight),
      ln2Bias: w.vector(n.ln2Bias),
      fcWeight: w.matrix(n.fcWeight),
      fcBias: w.vector(n.fcBias),
      fcProjWeight: w.matrix(n.fcProjWeight),
      fcProjBias: w.vector(n.fcProjBias),
      keys,
      values,
    },
    { batch, time, heads, past: cache.store.length, eps, tanh: kind === 'tanh' },
  ) as tf.Tensor2D;
}

/** MLP sublayer. */
export function mlpSublayer(
  h: tf.Tensor2D,
  n: BlockWeightNames,
  w: WeightLookup,
  eps: number,
  kind: GeluKind,
  inputsOfLinearMaps?: Map<string, tf.Tensor2D>,
): tf.Tensor2D {
  const normed = layerNorm(h, w.vector(n.ln2Weight), w.vector(n.ln2Bias), eps);
  const hidden = gelu(linear(normed, w.matrix(n.fcWeight), w.vector(n.fcBias)), kind) as tf.Tensor2D;
  inputsOfLinearMaps?.set(n.fcWeight, normed);
  inputsOfLinearMaps?.set(n.fcProjWeight, hidden);
  return linear(hidden, w.matrix(n.fcProjWeight), w.vector(n.fcProjBias));
}
