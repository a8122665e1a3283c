// Grafting: θ(γ) = θ_pre + γ ⊙ (θ_ft − θ_pre) for a sparse binary mask γ over the parameters, and
// the mask's search (reconstructed relaxation): γ_base = the top-s coordinates by movement
// |θ_ft − θ_pre|; real scores S start at +σ₀ on γ_base and −σ₀ elsewhere; minimise the task loss
// of θ(sigmoid(S)) over S alone; the final γ is the top-s of S (the sparsity budget).
// "Task-Specific Skill Localization in Fine-tuned Language Models", Panigrahi et al., 2023.
import { SousError, tf } from '@sous/core';
import { disposeWeights, mapWeights, parameterCount, type WeightMap } from './weight-map.js';

/** θ_pre + γ ⊙ (θ_ft − θ_pre): fine-tuned values where the mask is 1, pretrained ones elsewhere
 * (a real-valued γ in [0, 1] interpolates, as the relaxation does). */
export function graftWeights(pretrained: WeightMap, finetuned: WeightMap, mask: WeightMap): Map<string, tf.Tensor> {
  return mapWeights([pretrained, finetuned, mask], ([pre, ft, gamma]) => tf.add(pre, tf.mul(gamma, tf.sub(ft, pre))));
}

/** A binary mask (same layout as `scores`) holding 1 on the ⌈fraction·P⌉ largest scores over all
 * weights together (ties broken by position in the map). */
export function topFractionMask(scores: WeightMap, fraction: number): Map<string, tf.Tensor> {
  if (!(fraction > 0 && fraction <= 1)) throw new SousError(`the mask fraction must be in (0, 1], got ${fraction}`);
  const total = parameterCount(scores);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const tensor of scores.values()) {
    flat.set(tensor.dataSync(), offset);
    offset += tensor.size;
  }
  const keep = Math.ceil(fraction * total);
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => flat[b] - flat[a] || a - b);
  const ones = new Float32Array(total);
  for (let k = 0; k < keep; k++) ones[order[k]] = 1;
  const mask = new Map<string, tf.Tensor>();
  offset = 0;
  for (const [name, tensor] of scores) {
    mask.set(name, tf.tensor(ones.subarray(offset, offset + tensor.size), tensor.shape, 'float32'));
    offset += tensor.size;
  }
  return mask;
}

/** γ_base: the top `fraction` of coordinates by movement |θ_ft − θ_pre|. */
export function movementMask(pretrained: WeightMap, finetuned: WeightMap, fraction: number): Map<string, tf.Tensor> {
  const movement = mapWeights([pretrained, finetuned], ([pre, ft]) => tf.abs(tf.sub(ft, pre)));
  const mask = topFractionMask(movement, fraction);
  for (const tensor of movement.values()) tensor.dispose();
  return mask;
}

/** Jaccard overlap |γ_a ∧ γ_b| / |γ_a ∨ γ_b| of two binary masks; 1 when both are empty (equal). */
export function maskJaccard(a: WeightMap, b: WeightMap): number {
  let both = 0;
  let either = 0;
  const products = mapWeights([a, b], ([x, y]) => tf.stack([tf.sum(tf.mul(x, y)), tf.sum(tf.maximum(x, y))]));
  for (const pair of products.values()) {
    const [inter, union] = pair.dataSync();
    both += inter;
    either += union;
    pair.dispose();
  }
  return either === 0 ? 1 : both / either;
}

export interface LearnGraftMaskOptions {
  pretrained: WeightMap;
  finetuned: WeightMap;
  /** The task loss of the grafted weights, a scalar; called inside the gradient once per step. */
  objective: (weights: Map<string, tf.Tensor>, step: number) => tf.Scalar;
  /** The sparsity budget s as a fraction of all parameters. */
  fraction: number;
  steps: number;
  learningRate: number;
  /** σ₀: the scores' starting magnitude (sigmoid(3) ≈ 0.95). */
  initialScore: number;
}

export interface LearnedGraftMask {
  mask: Map<string, tf.Tensor>;
  /** The relaxed objective at each step, before that step's update. */
  losses: number[];
}

/** The starting scores S: +σ₀ on γ_base (the top `fraction` by movement), −σ₀ elsewhere. */
export function initialGraftScores(
  pretrained: WeightMap,
  finetuned: WeightMap,
  fraction: number,
  initialScore: number,
): Map<string, tf.Variable> {
  const base = movementMask(pretrained, finetuned, fraction);
  const scores = new Map<string, tf.Variable>();
  for (const [name, gamma] of base) {
    scores.set(
      name,
      tf.tidy(() => tf.variable(tf.mul(tf.sub(tf.mul(gamma, 2), 1), initialScore), true)),
    );
  }
  disposeWeights(base);
  return scores;
}

/** θ_pre + sigmoid(S) ⊙ τ: the relaxed graft, differentiable in the scores. */
export function relaxedGraft(pretrained: WeightMap, finetuned: WeightMap, scores: WeightMap): Map<string, tf.Tensor> {
  const relaxed = new Map([...scores].map(([name, s]) => [name, tf.sigmoid(s)] as const));
  const out = graftWeights(pretrained, finetuned, relaxed);
  disposeWeights(relaxed);
  return out;
}

/** Learns the mask's real scores S by Adam on the relaxed objective, then keeps the top-s. */
export function learnGraftMask(options: LearnGraftMaskOptions): LearnedGraftMask {
  const { pretrained, finetuned, objective, fraction, steps, learningRate, initialScore } = options;
  const scores = initialGraftScores(pretrained, finetuned, fraction, initialScore);
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(() => objective(relaxedGraft(pretrained, finetuned, scores), step), true, [
      ...scores.values(),
    ])!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const mask = topFractionMask(scores, fraction);
  disposeWeights(scores);
  optimizer.dispose();
  return { mask, losses };
}
