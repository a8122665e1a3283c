// The sampling parameters of every completion sampler, declared once.
import { z } from 'zod';

export const samplingParams = {
  group: z.number().int().min(1).max(1024).default(8).describe('G: completions sampled per prompt.'),
  max_new: z
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(16)
    .describe('Most tokens per completion, the stop token included.'),
  temperature: z.number().min(0).max(10).default(1).describe('Softmax temperature; 0 decodes greedily.'),
  top_k: z.number().int().min(0).max(1_000_000).default(0).describe('Sample among the k most likely tokens (0: all).'),
  top_p: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('Sample from the smallest set of tokens holding this much probability (1: all).'),
  stop: z
    .array(z.string().min(1))
    .default([])
    .describe('Texts that end a completion besides eos (kept in the tokens, dropped from the text).'),
  grammar: z
    .boolean()
    .default(true)
    .describe(
      "Draw only the tokens the tokenizer's grammar allows next, when the tokenizer has one (music tokens); false samples from the whole vocabulary.",
    ),
};
