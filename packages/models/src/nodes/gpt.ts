// models.gpt: a freshly initialised GPT-2-style decoder sized by a preset and the task's tokenizer.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { gptConfig, GPT_PRESET_NAMES, GPT_PRESETS, type GptPresetName } from '../gpt/config.js';
import { GptModel } from '../gpt/model.js';
import { GPT2 } from '@sous/core/references';

const params = z.object({
  preset: z
    .enum(GPT_PRESET_NAMES as [GptPresetName, ...GptPresetName[]])
    .default('tiny')
    .describe(
      'Architecture: "tiny" (2 layers, d 64, 4 heads, context 64), "grpo-tiny" (the benchmark model: 4 layers, d 128, exact GELU, untied head), "gpt2" (12 layers, d 768, context 1024).',
    ),
  layers: z.number().int().min(1).max(96).optional().describe('Number of transformer blocks (overrides the preset).'),
  heads: z
    .number()
    .int()
    .min(1)
    .max(128)
    .optional()
    .describe('Attention heads per block; must divide d_model (overrides the preset).'),
  d_model: z
    .number()
    .int()
    .min(1)
    .max(8192)
    .optional()
    .describe('Width of the residual stream; the MLP is 4·d_model wide (overrides the preset).'),
  context: z
    .number()
    .int()
    .min(1)
    .max(65536)
    .optional()
    .describe('Most positions a sequence may have, prompt and completion together (overrides the preset).'),
});

export const gpt = defineNode({
  name: 'gpt',
  kind: 'model',
  doc:
    'A GPT-2-style decoder (pre-LayerNorm blocks, learned positions, causal attention) initialised ' +
    'as GPT-2 from the run seed: weights N(0, 0.02²), residual projections scaled by 1/√(2·layers). ' +
    "Its vocabulary size comes from `vocab` (the task's tokenizer), which also becomes the model's tokenizer. " +
    'Weights carry Hugging Face GPT-2 names, so checkpoints load in `transformers`.',
  references: [GPT2],
  params,
  inputs: {
    vocab: {
      type: 'Tokenizer',
      doc: 'The tokenizer the model reads and writes (e.g. task.vocab); without it the preset must fix the vocabulary (grpo-tiny, gpt2).',
      optional: true,
    },
  },
  output: 'Model',
  messages: {
    needsVocab: {
      message: 'preset "{{preset}}" does not fix the vocabulary size, and no tokenizer was given',
      hint: "Pass the task's tokenizer, as in models.gpt(task.vocab), or use a preset that fixes it (grpo-tiny, gpt2).",
    },
    headsDivide: 'd_model {{d_model}} is not divisible by heads {{heads}}',
  },
  run({ vocab }, { preset, layers, heads, d_model, context }, ctx) {
    const base: { vocabSize?: number; dModel: number; heads: number } = GPT_PRESETS[preset];
    const vocabSize = vocab?.vocabSize ?? base.vocabSize ?? ctx.fail('needsVocab', { preset });
    const width = d_model ?? base.dModel;
    const headCount = heads ?? base.heads;
    if (width % headCount !== 0) ctx.fail('headsDivide', { d_model: width, heads: headCount });
    const config = gptConfig(preset, { vocabSize, layers, heads, dModel: d_model, contextLength: context });
    return GptModel.create(config, ctx.rng, { tokenizer: vocab });
  },
});
