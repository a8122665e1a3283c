// Task vectors and their arithmetic: τ = θ_ft − θ_pre, weighted merges Σ wᵢ θᵢ, and
// θ_pre + Σ λᵢ τᵢ (a negative λ negates a task: forgetting by subtraction).
// "Editing Models with Task Arithmetic", Ilharco et al., 2023.
import { SousError, tf } from '@sous/core';
import { mapWeights, type WeightMap } from './weight-map.js';

/** τ = θ_ft − θ_pre, weight by weight; a layout mismatch names the weight. */
export function taskVector(pretrained: WeightMap, finetuned: WeightMap): Map<string, tf.Tensor> {
  return mapWeights([pretrained, finetuned], ([pre, ft]) => tf.sub(ft, pre));
}

/** Σᵢ wᵢ θᵢ over models of one layout (the weights need not sum to 1 here; models.merge checks that). */
export function weightedMerge(models: readonly WeightMap[], weights: readonly number[]): Map<string, tf.Tensor> {
  checkCount(models.length, weights.length, 'weights');
  return mapWeights(models, (tensors) => tf.addN(tensors.map((t, i) => tf.mul(t, weights[i]))));
}

/** θ_base + Σᵢ λᵢ τᵢ: task arithmetic (λ < 0 subtracts a task). */
export function addTaskVectors(
  base: WeightMap,
  vectors: readonly WeightMap[],
  scales: readonly number[],
): Map<string, tf.Tensor> {
  checkCount(vectors.length, scales.length, 'scales');
  return mapWeights([base, ...vectors], ([b, ...taus]) => tf.addN([b, ...taus.map((t, i) => tf.mul(t, scales[i]))]));
}

function checkCount(models: number, coefficients: number, what: string): void {
  if (models === 0) throw new SousError('no models to combine');
  if (models !== coefficients) throw new SousError(`${models} models but ${coefficients} ${what}`);
}
