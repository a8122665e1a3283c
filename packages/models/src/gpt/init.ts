// Initial weights, as GPT-2: matrices and embeddings N(0, 0.02²), the residual projections
// (attn.c_proj, mlp.c_proj) scaled by 1/√(2·layers), biases 0, LayerNorm weights 1 and biases 0.
// Values are drawn in JavaScript from one forked Rng stream per weight, so the same seed gives
// the same float32 weights on every backend, and adding a weight never shifts the others.
import type { Rng } from '@sous/core';
import type { GptConfig } from './config.js';
import { gptWeightSpecs, type WeightSpec } from './weights.js';

const INIT_STD = 0.02;

/** Name → { shape, values } for fresh weights of `specs` in a stack of `layers` residual blocks. */
export function initialWeights(
  specs: Map<string, WeightSpec>,
  layers: number,
  rng: Rng,
): Map<string, { shape: number[]; values: Float32Array }> {
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const [name, spec] of specs) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    if (spec.role === 'ln-weight') {
      values.fill(1);
    } else if (spec.role === 'matrix' || spec.role === 'residual-matrix' || spec.role === 'embedding') {
      const std = spec.role === 'residual-matrix' ? INIT_STD / Math.sqrt(2 * layers) : INIT_STD;
      const stream = rng.fork(name);
      for (let i = 0; i < values.length; i++) values[i] = std * stream.normal();
    }
    weights.set(name, { shape: spec.shape, values });
  }
  return weights;
}

/** Name → { shape, values } for a fresh GPT. */
export function initialGptWeights(config: GptConfig, rng: Rng): Map<string, { shape: number[]; values: Float32Array }> {
  return initialWeights(gptWeightSpecs(config), config.layers, rng);
}
