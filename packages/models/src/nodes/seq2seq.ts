// models.seq2seq: a freshly initialised transformer encoder–decoder, optionally in Theme
// Transformer's gated parallel mode.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { THEME_TRANSFORMER, TRANSFORMER } from '@sous/core/references';
import { Seq2SeqModel } from '../seq2seq/model.js';

const params = z.object({
  source_length: z
    .number()
    .int()
    .min(1)
    .max(4096)
    .describe("Source tokens per row: every source is padded with the tokenizer's pad token to this length."),
  target_length: z.number().int().min(2).max(65536).default(64).describe('Most target (decoder) positions.'),
  layers: z
    .number()
    .int()
    .min(1)
    .max(48)
    .default(2)
    .describe('Transformer blocks in the encoder and in the decoder, each.'),
  heads: z.number().int().min(1).max(128).default(4).describe('Attention heads per block; must divide d_model.'),
  d_model: z
    .number()
    .int()
    .min(1)
    .max(8192)
    .default(64)
    .describe('Width of the residual stream; the MLP is 4·d_model wide.'),
  theme_flags: z
    .tuple([z.string(), z.string()])
    .optional()
    .describe(
      'Theme Transformer mode: the texts of the two tokens that open and close a theme region in the target, e.g. ["<theme>", "</theme>"]; each must be one token.',
    ),
});

export const seq2seq = defineNode({
  name: 'seq2seq',
  kind: 'model',
  doc:
    "A transformer encoder–decoder on the GPT's layers: the encoder attends both ways over the source (never to " +
    'padding), each decoder block adds cross-attention to the encoder output; KV-cached decoding runs the encoder ' +
    'once per source. Rows are packed — the source padded to `source_length`, then the target, which starts with ' +
    'a start token — so objectives.nll, samplers and evals take it as they take models.gpt. With `theme_flags` ' +
    "each decoder block is Theme Transformer's gated parallel attention h + SelfAttn(h) + g·CrossAttn(h): the " +
    'gate g is 1 from an opening flag to the token before the closing flag, and positions restart at 0 at the ' +
    'opening flag so a theme occurrence lines up with the theme source; the gate source and the position scheme ' +
    'are (reconstructed), our reading of the paper.',
  references: [TRANSFORMER, THEME_TRANSFORMER],
  params,
  inputs: {
    vocab: { type: 'Tokenizer', doc: 'The tokenizer of sources and targets (one vocabulary); it needs a pad token.' },
  },
  output: 'Model',
  messages: {
    needsPad: {
      message: 'the tokenizer has no pad token, which seq2seq sources are padded with',
      hint: 'Use a tokenizer with a pad id.',
    },
    headsDivide: 'd_model {{d_model}} is not divisible by heads {{heads}}',
    flagNotOneToken: {
      message: 'theme flag {{flag}} is {{count}} tokens in this tokenizer, not one',
      hint: 'Name a single token of the vocabulary, e.g. a special token of the music tokenizer.',
    },
    sameFlags: 'the two theme flags are the same token ({{flag}})',
  },
  run({ vocab }, { source_length, target_length, layers, heads, d_model, theme_flags }, ctx) {
    const padId = vocab.pad ?? ctx.fail('needsPad');
    if (d_model % heads !== 0) ctx.fail('headsDivide', { d_model, heads });
    const flagId = (flag: string) => {
      const ids = vocab.encode(flag);
      return ids.length === 1 ? ids[0] : ctx.fail('flagNotOneToken', { flag: JSON.stringify(flag), count: ids.length });
    };
    const theme = theme_flags && { start: flagId(theme_flags[0]), end: flagId(theme_flags[1]) };
    if (theme && theme.start === theme.end) ctx.fail('sameFlags', { flag: JSON.stringify(theme_flags![0]) });
    const config = {
      vocabSize: vocab.vocabSize,
      sourceLength: source_length,
      targetLength: target_length,
      encoderLayers: layers,
      decoderLayers: layers,
      heads,
      dModel: d_model,
      dFF: 4 * d_model,
      layerNormEps: 1e-5,
      gelu: 'tanh' as const,
      padId,
      theme,
    };
    return Seq2SeqModel.create(config, ctx.rng, { tokenizer: vocab });
  },
});
