// models.lora: a frozen GPT with trainable low-rank adapters on its linear maps.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { LORA } from '@sous/core/references';
import { loraInit } from '../weights/lora.js';
import { adaptedModel, blockMatrices, sameLayoutGpts, weightModelMessages } from './weight-models.js';

export const adapterMessages = {
  rankTooLarge: 'rank {{rank}} exceeds the smallest side of a linear map ({{limit}})',
} as const;

export const lora = defineNode({
  name: 'lora',
  kind: 'model',
  doc:
    'LoRA: every linear map inside the blocks (attention c_attn and c_proj, MLP c_fc and c_proj) gets ' +
    'W + (α / r) B A with B [d_out, r] = 0 and A [r, d_in] ~ N(0, 1/d_in), so the adapted model starts ' +
    'equal to `model`; only the A and B factors train (embeddings, LayerNorms, biases and the head stay ' +
    'frozen). models.materialize merges the adapters into a plain checkpoint. Weights are stored as ' +
    "GPT-2's Conv1D does ([d_in, d_out]), so the update added to a stored weight is (α / r) (B A)ᵀ.",
  references: [LORA],
  params: z.object({
    rank: z.number().int().min(1).default(4).describe('r, the rank of each adapter.'),
    alpha: z.number().positive().default(8).describe('α: the update is scaled by α / r.'),
  }),
  inputs: { model: { type: 'Model', doc: 'The model adapted (its weights are copied and frozen).' } },
  output: 'Model',
  messages: { ...weightModelMessages, ...adapterMessages },
  run({ model }, { rank, alpha }, ctx) {
    const [gpt] = sameLayoutGpts([model], ctx.fail);
    const { rankLimit } = blockMatrices(gpt);
    if (rank > rankLimit) ctx.fail('rankTooLarge', { rank, limit: rankLimit });
    return adaptedModel(gpt, 'lora', alpha, (name, [inputs, outputs]) =>
      loraInit(outputs, inputs, rank, ctx.rng.fork(name)),
    );
  },
});
