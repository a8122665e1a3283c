// The contract between layers and the backends that speed them up: the names of the fused kernels
// a backend may register (@sous/native registers them for the wasm backend), and how a layer asks
// whether the active backend has them. Layers need only this, not the backends themselves.
import { tf } from './tf.js';

/** Kernels that exist only where a backend fuses them; see fusedKernelAvailable. */
export const FUSED_KERNELS = {
  /** inputs {x}, attrs {tanh: boolean} → gelu(x) */
  gelu: 'SousGelu',
  /** inputs {x, dy}, attrs {tanh} → dy·gelu'(x) */
  geluGrad: 'SousGeluGrad',
  /** inputs {x} (float32) → silu(x) = x·σ(x), σ(x) = 1/(1 + e^(−x)) */
  silu: 'SousSilu',
  /** inputs {x, dy} → dy·silu'(x) = dy·σ(x)·(1 + x·(1 − σ(x))) */
  siluGrad: 'SousSiluGrad',
  /** A dense layer. inputs {x [n, in], weight [in, out], bias [out]} (float32) → x @ weight + bias */
  linear: 'SousLinear',
  /** inputs {dy [n, out], x, weight} → [dx, dweight, dbias] */
  linearGrad: 'SousLinearGrad',
  /** A dense SiLU layer. inputs {x [n, in], weight [in, out], bias [out]} (float32) →
   * [y = silu(pre), pre = x @ weight + bias] */
  linearSilu: 'SousLinearSilu',
  /** inputs {dy [n, out], x, weight, pre} → [dx, dweight, dbias] */
  linearSiluGrad: 'SousLinearSiluGrad',
  /** inputs {x [n, d], weight [d], bias [d]}, attrs {eps} → [y, x̂, 1/σ [n, 1]] */
  layerNorm: 'SousLayerNorm',
  /** inputs {dy, xHat, inverseStd, weight} → [dx, dweight, dbias] */
  layerNormGrad: 'SousLayerNormGrad',
  /** Causal self-attention from the fused projection, no past positions. inputs {qkv [b·t, 3d]},
   * attrs {batch, time, heads} → [out [b·t, d], probs [b·heads, t, t]] */
  attention: 'SousAttention',
  /** KV-cached decoding. inputs {qkv [b·t, 3d], keys, values [b, capacity, d]}, attrs {batch, time,
   * heads, past} → out [b·t, d]. Writes the t new keys/values into rows past.. of `keys`/`values`
   * IN PLACE and attends over rows 0..past+t: the caller must own both tensors exclusively. */
  attentionDecode: 'SousAttentionDecode',
  /** One pre-LayerNorm transformer block (GPT-2's) of a KV-cached decoding step: h + attention
   * sublayer, then + MLP sublayer, computed as the separate kernels compute them (layerNorm, linear,
   * attentionDecode, gelu, float32 adds). inputs {h [b·t, d], ln1Weight, ln1Bias, attnWeight [d, 3d],
   * attnBias, attnProjWeight [d, d], attnProjBias, ln2Weight, ln2Bias, fcWeight [d, ff], fcBias,
   * fcProjWeight [ff, d], fcProjBias, keys, values [b, capacity, d]}, attrs {batch, time, heads,
   * past, eps, tanh} → h′ [b·t, d]. Writes keys/values IN PLACE as attentionDecode does. */
  blockDecode: 'SousBlockDecode',
  /** inputs {dy [b·t, d], qkv, probs}, attrs {batch, time, heads} → dqkv (no past positions) */
  attentionGrad: 'SousAttentionGrad',
  /** The log-probability of one target per row. inputs {logits [n, v], targets [n] int32} →
   * [picked [n] = logSoftmax(logits)[i, targets[i]] (0 for an id outside [0, v)), logSum [n] =
   * log Σ_j e^(logits[i, j] − max_j logits[i, j])] */
  tokenLogProb: 'SousTokenLogProb',
  /** inputs {dy [n], logits, targets, logSum} → dlogits [n, v] = dy·(onehot(targets) −
   * softmax(logits)), the softmax recomputed (0 rows for ids outside [0, v)) */
  tokenLogProbGrad: 'SousTokenLogProbGrad',
  /** One Adam(W) step of several variables (runtime/src/optim/adam.ts). inputs: an array of
   * [param, grad, m, v] quadruples (float32, one shape within each), attrs {keep, penalty, beta1,
   * oneMinusBeta1, beta2, oneMinusBeta2, correction2Sqrt, eps, stepSize} (float32 values) → each
   * variable's new weights, in order. Writes the new moments into each `m` and `v` IN PLACE: the
   * caller must own them exclusively. */
  adamUpdate: 'SousAdamUpdate',
  /** inputs: an array of float32 tensors → [n]: each one's Σ x² with tf.sum(tf.square(x))'s
   * rounding (runtime/src/optim/clip.ts's gradient norms) */
  sumsOfSquares: 'SousSumsOfSquares',
  /** The DSM loss's weighted squared error. inputs {x [n, d], target [n, d], weight [n, 1]}
   * (float32) → [mean_r(w_r·Σ_j (x − target)²)/d (a scalar), error = x − target], rounded as
   * tf.div(tf.mean(tf.mul(weight, tf.sum(tf.square(tf.sub(x, target)), 1, true))), d) */
  weightedSquaredError: 'SousWeightedSquaredError',
  /** inputs {dy (a scalar), error, weight} → ((dy/d)/n)·weight·(error·2), rounded as those ops */
  weightedSquaredErrorGrad: 'SousWeightedSquaredErrorGrad',
} as const;

/** Whether the active backend has this fused kernel (one of FUSED_KERNELS). */
export function fusedKernelAvailable(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/** Whether the active backend runs matrix products with transpose flags slowly: plain wasm does
 * (~15x slower than an untransposed product), so layers transpose explicitly there. The native
 * kernels replace wasm's products together with adding the fused kernels, so a wasm backend that
 * has fused attention has fast transposed products too. */
export function transposedMatMulIsSlow(): boolean {
  return tf.getBackend() === 'wasm' && !fusedKernelAvailable(FUSED_KERNELS.attention);
}
