// GPT configuration and its presets. The architecture is GPT-2's (pre-LayerNorm blocks, learned
// positions, causal softmax attention, final LayerNorm); `gelu` and `tiedHead` also express the
// grpo-tiny benchmark model (exact GELU, an untied head without bias).
import { SousError } from '@sous/core';

export type GeluKind = 'tanh' | 'exact';

export interface GptConfig {
  vocabSize: number;
  /** Most positions a sequence (prompt + generated tokens) may have. */
  contextLength: number;
  layers: number;
  heads: number;
  dModel: number;
  /** Width of the MLP's hidden layer (4·dModel in GPT-2). */
  dFF: number;
  layerNormEps: number;
  /** 'tanh': GPT-2's approximation (HF `gelu_new`); 'exact': 0.5·x·(1+erf(x/√2)) (HF `gelu`). */
  gelu: GeluKind;
  /** True: logits use the token embedding `wte.weight` (GPT-2); false: `lm_head.weight`. */
  tiedHead: boolean;
}

export const GPT_PRESETS = {
  /** A small GPT-2-style model for synthetic tasks. */
  tiny: {
    contextLength: 64,
    layers: 2,
    heads: 4,
    dModel: 64,
    dFF: 256,
    layerNormEps: 1e-5,
    gelu: 'tanh',
    tiedHead: true,
  },
  /** The model of the grpo-tiny benchmark (tools/bench, shared/bench/grpo-tiny.md). */
  'grpo-tiny': {
    vocabSize: 64,
    contextLength: 64,
    layers: 4,
    heads: 4,
    dModel: 128,
    dFF: 512,
    layerNormEps: 1e-5,
    gelu: 'exact',
    tiedHead: false,
  },
  /** GPT-2 small (124M), the shape of Hugging Face's `gpt2` checkpoint. */
  gpt2: {
    vocabSize: 50257,
    contextLength: 1024,
    layers: 12,
    heads: 12,
    dModel: 768,
    dFF: 3072,
    layerNormEps: 1e-5,
    gelu: 'tanh',
    tiedHead: true,
  },
} as const satisfies Record<string, Omit<GptConfig, 'vocabSize'> & { vocabSize?: number }>;

export type GptPresetName = keyof typeof GPT_PRESETS;
export const GPT_PRESET_NAMES = Object.keys(GPT_PRESETS) as GptPresetName[];

/** Overrides of a preset; `dFF` follows `dModel` (4·d) unless given. */
export interface GptOverrides {
  vocabSize?: number;
  contextLength?: number;
  layers?: number;
  heads?: number;
  dModel?: number;
  dFF?: number;
}

/** A preset with overrides applied; `vocabSize` must come from one of them. */
export function gptConfig(preset: GptPresetName, overrides: GptOverrides = {}): GptConfig {
  const base: Omit<GptConfig, 'vocabSize'> & { vocabSize?: number } = GPT_PRESETS[preset];
  if (!base) throw new SousError(`unknown GPT preset "${preset}"; the presets are ${GPT_PRESET_NAMES.join(', ')}`);
  const dModel = overrides.dModel ?? base.dModel;
  const dFF = overrides.dFF ?? (overrides.dModel === undefined ? base.dFF : 4 * dModel);
  const vocabSize = overrides.vocabSize ?? base.vocabSize;
  if (vocabSize === undefined)
    throw new SousError(`GPT preset "${preset}" needs a vocabulary size (from the tokenizer)`);
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const config: GptConfig = { ...base, ...given, vocabSize, dModel, dFF };
  validateGptConfig(config);
  return config;
}

/** Throws a SousError naming the first inconsistent field; `source` says where the config came from. */
export function validateGptConfig(config: GptConfig, source?: string): void {
  const positive = ['vocabSize', 'contextLength', 'layers', 'heads', 'dModel', 'dFF'] as const;
  for (const key of positive) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new SousError(`GPT config: ${key} must be a positive integer, found ${value}`, { file: source });
    }
  }
  if (config.dModel % config.heads !== 0) {
    throw new SousError(`GPT config: d_model ${config.dModel} is not divisible by heads ${config.heads}`, {
      file: source,
    });
  }
  if (!(config.layerNormEps > 0)) {
    throw new SousError(`GPT config: layerNormEps must be positive, found ${config.layerNormEps}`, { file: source });
  }
  if (config.gelu !== 'tanh' && config.gelu !== 'exact') {
    throw new SousError(`GPT config: gelu must be "tanh" or "exact", found ${JSON.stringify(config.gelu)}`, {
      file: source,
    });
  }
}
