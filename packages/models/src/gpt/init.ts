// Initial weights, as GPT-2: matrices and embeddings N(0, 0.02²), the residual projections
// (attn.c_proj, mlp.c_proj) scaled by 1/√(2·layers), biases 0, LayerNorm weights 1 and biases 0.
// Values are drawn in JavaScript from one forked Rng stream per weight, so the same seed gives
// the same float32 weights on every backend, and adding a weight never shifts the others.
import type { Rng } from '@sous/core';
import type { GptConfig } from './config.js';
import { gptWeightSpecs, type WeightRole } from './weights.js';

const INIT_STD = 0.02;

function initStd(role: WeightRole, config: GptConfig): number {
  return role === 'residual-matrix' ? INIT_STD / Math.sqrt(2 * config.layers) : INIT_STD;
}

/** Name → { shape, values } for a fresh model. */
export function initialGptWeights(config: GptConfig, rng: Rng): Map<string, { shape: number[]; values: Float32Array }> {
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const [name, spec] of gptWeightSpecs(config)) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    if (spec.role === 'ln-weight') {
      values.fill(1);
    } else if (spec.role === 'matrix' || spec.role === 'residual-matrix' || spec.role === 'embedding') {
      const std = initStd(spec.role, config);
      const stream = rng.fork(name);
      for (let i = 0; i < values.length; i++) values[i] = std * stream.normal();
    }
    weights.set(name, { shape: spec.shape, values });
  }
  return weights;
}
