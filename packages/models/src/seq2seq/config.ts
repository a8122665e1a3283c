// Encoder–decoder configuration. The decoder is the GPT's block stack with a cross-attention
// sublayer per block; the encoder is the same block with bidirectional attention. Both read one
// token embedding and one position table (`max(sourceLength, targetLength)` rows), so that a
// decoder position k and an encoder position k name the same embedding (theme-aligned positions).
import { SousError } from '@sous/core';
import type { GeluKind, GptConfig } from '../gpt/config.js';

/** Theme Transformer mode: the flag tokens that open and close a theme region in the target. */
export interface ThemeFlags {
  start: number;
  end: number;
}

export interface Seq2SeqConfig {
  vocabSize: number;
  /** Source positions: every source is padded with `padId` to exactly this length. */
  sourceLength: number;
  /** Most target (decoder) positions. */
  targetLength: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  dModel: number;
  dFF: number;
  layerNormEps: number;
  gelu: GeluKind;
  /** Source token that is padding: encoder and cross-attention never attend to it. */
  padId: number;
  /**
   * Absent: every decoder block is self-attention, then cross-attention, then MLP (Vaswani et
   * al.). Present: Theme Transformer's gated parallel attention h + SelfAttn(h) + g·CrossAttn(h),
   * with the gate g and theme-aligned positions read from these flag tokens (see layout.ts).
   */
  theme?: ThemeFlags;
}

/** Rows of the shared position table. */
export function positionRows(config: Seq2SeqConfig): number {
  return Math.max(config.sourceLength, config.targetLength);
}

/** The decoder as a GPT config (tied head, shared position table): its weights carry GPT names. */
export function decoderGptConfig(config: Seq2SeqConfig): GptConfig {
  return {
    vocabSize: config.vocabSize,
    contextLength: positionRows(config),
    layers: config.decoderLayers,
    heads: config.heads,
    dModel: config.dModel,
    dFF: config.dFF,
    layerNormEps: config.layerNormEps,
    gelu: config.gelu,
    tiedHead: true,
  };
}

/** Throws a SousError naming the first inconsistent field. */
export function validateSeq2SeqConfig(config: Seq2SeqConfig): void {
  const positive = [
    'vocabSize',
    'sourceLength',
    'targetLength',
    'encoderLayers',
    'decoderLayers',
    'heads',
    'dModel',
    'dFF',
  ] as const;
  for (const key of positive) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new SousError(`seq2seq config: ${key} must be a positive integer, found ${value}`);
    }
  }
  if (config.dModel % config.heads !== 0) {
    throw new SousError(`seq2seq config: d_model ${config.dModel} is not divisible by heads ${config.heads}`);
  }
  if (!(config.layerNormEps > 0)) {
    throw new SousError(`seq2seq config: layerNormEps must be positive, found ${config.layerNormEps}`);
  }
  if (config.gelu !== 'tanh' && config.gelu !== 'exact') {
    throw new SousError(`seq2seq config: gelu must be "tanh" or "exact", found ${JSON.stringify(config.gelu)}`);
  }
  const token = (name: string, id: number) => {
    if (!Number.isInteger(id) || id < 0 || id >= config.vocabSize) {
      throw new SousError(`seq2seq config: ${name} ${id} is not a token id of a vocabulary of ${config.vocabSize}`);
    }
  };
  token('padId', config.padId);
  if (config.theme) {
    token('theme start flag', config.theme.start);
    token('theme end flag', config.theme.end);
    if (config.theme.start === config.theme.end) {
      throw new SousError(`seq2seq config: the theme start and end flags must differ, both are ${config.theme.start}`);
    }
  }
}
