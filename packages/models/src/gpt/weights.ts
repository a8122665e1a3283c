// The weights of a GPT, under Hugging Face GPT-2's names and layouts. Linear maps are stored as
// GPT-2's Conv1D does, [in, out] (y = x @ W + b); the token embedding `wte.weight` and the untied
// head `lm_head.weight` are [vocab, d] (logits = h @ Wᵀ), as in Hugging Face.
import type { GptConfig } from './config.js';

export type WeightRole = 'matrix' | 'residual-matrix' | 'embedding' | 'bias' | 'ln-weight' | 'ln-bias';

export interface WeightSpec {
  shape: number[];
  /** Decides the initial value (see init.ts). */
  role: WeightRole;
}

export function layerWeightNames(layer: number) {
  const p = `h.${layer}.`;
  return {
    ln1Weight: `${p}ln_1.weight`,
    ln1Bias: `${p}ln_1.bias`,
    attnWeight: `${p}attn.c_attn.weight`,
    attnBias: `${p}attn.c_attn.bias`,
    attnProjWeight: `${p}attn.c_proj.weight`,
    attnProjBias: `${p}attn.c_proj.bias`,
    ln2Weight: `${p}ln_2.weight`,
    ln2Bias: `${p}ln_2.bias`,
    fcWeight: `${p}mlp.c_fc.weight`,
    fcBias: `${p}mlp.c_fc.bias`,
    fcProjWeight: `${p}mlp.c_proj.weight`,
    fcProjBias: `${p}mlp.c_proj.bias`,
  };
}

/** Adds one block's weights (self-attention and MLP, width d, MLP width f) named by `n`. */
export function addBlockWeightSpecs(
  specs: Map<string, WeightSpec>,
  n: ReturnType<typeof layerWeightNames>,
  d: number,
  f: number,
): void {
  specs.set(n.ln1Weight, { shape: [d], role: 'ln-weight' });
  specs.set(n.ln1Bias, { shape: [d], role: 'ln-bias' });
  specs.set(n.attnWeight, { shape: [d, 3 * d], role: 'matrix' });
  specs.set(n.attnBias, { shape: [3 * d], role: 'bias' });
  specs.set(n.attnProjWeight, { shape: [d, d], role: 'residual-matrix' });
  specs.set(n.attnProjBias, { shape: [d], role: 'bias' });
  specs.set(n.ln2Weight, { shape: [d], role: 'ln-weight' });
  specs.set(n.ln2Bias, { shape: [d], role: 'ln-bias' });
  specs.set(n.fcWeight, { shape: [d, f], role: 'matrix' });
  specs.set(n.fcBias, { shape: [f], role: 'bias' });
  specs.set(n.fcProjWeight, { shape: [f, d], role: 'residual-matrix' });
  specs.set(n.fcProjBias, { shape: [d], role: 'bias' });
}

/** Every weight of `config`, in checkpoint order. */
export function gptWeightSpecs(config: GptConfig): Map<string, WeightSpec> {
  const { vocabSize: v, contextLength: ctx, dModel: d, dFF: f } = config;
  const specs = new Map<string, WeightSpec>();
  specs.set('wte.weight', { shape: [v, d], role: 'embedding' });
  specs.set('wpe.weight', { shape: [ctx, d], role: 'embedding' });
  for (let layer = 0; layer < config.layers; layer++) addBlockWeightSpecs(specs, layerWeightNames(layer), d, f);
  specs.set('ln_f.weight', { shape: [d], role: 'ln-weight' });
  specs.set('ln_f.bias', { shape: [d], role: 'ln-bias' });
  if (!config.tiedHead) specs.set('lm_head.weight', { shape: [v, d], role: 'matrix' });
  return specs;
}
