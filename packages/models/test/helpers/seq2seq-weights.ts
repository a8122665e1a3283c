// Random (not init) weights for encoder–decoder tests, as random-weights.ts does for the GPT.
import { Rng, tf } from '@sous/core';
import { seq2seqWeightSpecs, Seq2SeqModel, type Seq2SeqConfig } from '../../src/index.js';
import type { Weights } from './reference-gpt.js';

export function randomSeq2SeqWeights(config: Seq2SeqConfig, seed: string, scale = 0.3): Weights {
  const rng = new Rng(seed);
  const weights: Weights = new Map();
  for (const [name, { shape, role }] of seq2seqWeightSpecs(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () => (role === 'ln-weight' ? 1 : 0) + scale * rng.normal());
    weights.set(name, { shape, values });
  }
  return weights;
}

export function seq2seqFrom(config: Seq2SeqConfig, weights: Weights): Seq2SeqModel {
  const tensors = new Map([...weights].map(([name, w]) => [name, tf.tensor(w.values, w.shape, 'float32')] as const));
  const model = Seq2SeqModel.fromWeights(config, tensors);
  for (const t of tensors.values()) t.dispose();
  return model;
}
