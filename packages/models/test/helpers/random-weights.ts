// Random (not GPT-2-init) weights for tests: LayerNorm and biases get non-trivial values too,
// so that a swapped or ignored weight shows up in the logits.
import { Rng, tf } from '@sous/core';
import { gptWeightSpecs, GptModel, type GptConfig } from '../../src/index.js';
import type { Weights } from './reference-gpt.js';

export function randomWeights(config: GptConfig, seed: string, scale = 0.3): Weights {
  const rng = new Rng(seed);
  const weights: Weights = new Map();
  for (const [name, { shape }] of gptWeightSpecs(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from(
      { length: size },
      () => (name.includes('ln_') && name.endsWith('.weight') ? 1 : 0) + scale * rng.normal(),
    );
    weights.set(name, { shape, values });
  }
  return weights;
}

export function modelFrom(config: GptConfig, weights: Weights, options: { trainable?: boolean } = {}): GptModel {
  const tensors = new Map([...weights].map(([name, w]) => [name, tf.tensor(w.values, w.shape, 'float32')] as const));
  const model = GptModel.fromWeights(config, tensors, options);
  for (const t of tensors.values()) t.dispose();
  return model;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
