// The weights of an encoder–decoder. The decoder keeps the GPT's names (gpt/weights.ts: `wte`,
// `wpe`, `h.{l}.*`, `ln_f`), so a decoder whose cross-attention is gated off everywhere is a GPT
// on the same tensors; each decoder block adds Hugging Face GPT-2's cross-attention names
// (`h.{l}.ln_cross_attn`, `h.{l}.crossattention.{q_attn,c_attn,c_proj}`, c_attn holding k | v).
// The encoder's blocks are `encoder.h.{l}.*` with `encoder.ln_f`; it reads `wte` and `wpe` too.
import { addBlockWeightSpecs, gptWeightSpecs, layerWeightNames, type WeightSpec } from '../gpt/weights.js';
import { decoderGptConfig, type Seq2SeqConfig } from './config.js';

export function crossWeightNames(layer: number) {
  const p = `h.${layer}.`;
  return {
    lnWeight: `${p}ln_cross_attn.weight`,
    lnBias: `${p}ln_cross_attn.bias`,
    queryWeight: `${p}crossattention.q_attn.weight`,
    queryBias: `${p}crossattention.q_attn.bias`,
    keyValueWeight: `${p}crossattention.c_attn.weight`,
    keyValueBias: `${p}crossattention.c_attn.bias`,
    projWeight: `${p}crossattention.c_proj.weight`,
    projBias: `${p}crossattention.c_proj.bias`,
  };
}

export function encoderLayerWeightNames(layer: number) {
  return Object.fromEntries(
    Object.entries(layerWeightNames(layer)).map(([key, name]) => [key, `encoder.${name}`]),
  ) as ReturnType<typeof layerWeightNames>;
}

/** Every weight of `config`. */
export function seq2seqWeightSpecs(config: Seq2SeqConfig): Map<string, WeightSpec> {
  const { dModel: d, dFF: f } = config;
  const specs = gptWeightSpecs(decoderGptConfig(config));
  for (let layer = 0; layer < config.decoderLayers; layer++) {
    const n = crossWeightNames(layer);
    specs.set(n.lnWeight, { shape: [d], role: 'ln-weight' });
    specs.set(n.lnBias, { shape: [d], role: 'ln-bias' });
    specs.set(n.queryWeight, { shape: [d, d], role: 'matrix' });
    specs.set(n.queryBias, { shape: [d], role: 'bias' });
    specs.set(n.keyValueWeight, { shape: [d, 2 * d], role: 'matrix' });
    specs.set(n.keyValueBias, { shape: [2 * d], role: 'bias' });
    specs.set(n.projWeight, { shape: [d, d], role: 'residual-matrix' });
    specs.set(n.projBias, { shape: [d], role: 'bias' });
  }
  for (let layer = 0; layer < config.encoderLayers; layer++) {
    addBlockWeightSpecs(specs, encoderLayerWeightNames(layer), d, f);
  }
  specs.set('encoder.ln_f.weight', { shape: [d], role: 'ln-weight' });
  specs.set('encoder.ln_f.bias', { shape: [d], role: 'ln-bias' });
  return specs;
}
