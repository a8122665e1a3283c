// models.lora: a frozen GPT with trainable low-rank adapters on its linear maps.
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { LORA } from '@sous/core/references';
import { gptWeightSpecs } from '../gpt/weights.js';
import { ComposedModel } from '../weights/composed-model.js';
import { loraInit, loraWeight, type LoraFactors } from '../weights/lora.js';
import { sameLayoutGpts, weightModelMessages } from './weight-models.js';

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
  messages: {
    ...weightModelMessages,
    rankTooLarge: 'rank {{rank}} exceeds the smallest side of a linear map ({{limit}})',
  },
  run({ model }, { rank, alpha }, ctx) {
    const [gpt] = sameLayoutGpts([model], ctx.fail);
    const specs = gptWeightSpecs(gpt.config);
    const adapted = [...specs].filter(([name, spec]) => spec.role.endsWith('matrix') && name !== 'lm_head.weight');
    const limit = adapted.reduce((smallest, [, spec]) => Math.min(smallest, spec.shape[0], spec.shape[1]), Infinity);
    if (rank > limit) ctx.fail('rankTooLarge', { rank, limit });
    const frozen = new Map<string, tf.Tensor>(
      [...gpt.namedVariables()].map(([name, v]) => [name, tf.clone(v)] as const),
    );
    const factors = new Map<string, LoraFactors>();
    const parameters = new Map<string, tf.Variable>();
    for (const [name, spec] of adapted) {
      const [inputs, outputs] = spec.shape;
      const init = loraInit(outputs, inputs, rank, ctx.rng.fork(name));
      const a = tf.variable(init.a, true);
      const b = tf.variable(init.b, true);
      init.a.dispose();
      init.b.dispose();
      factors.set(name, { a: a as tf.Tensor as tf.Tensor2D, b: b as tf.Tensor as tf.Tensor2D });
      parameters.set(`lora.${name}.a`, a);
      parameters.set(`lora.${name}.b`, b);
    }
    const compose = () =>
      new Map<string, tf.Tensor>(
        [...frozen].map(([name, w]) => {
          const adapter = factors.get(name);
          if (!adapter) return [name, tf.clone(w)] as const;
          return [
            name,
            tf.tidy(() => tf.transpose(loraWeight(tf.transpose(w) as tf.Tensor2D, adapter, alpha))),
          ] as const;
        }),
      );
    return new ComposedModel(gpt, { parameters, compose, frozen: [...frozen.values()] });
  },
});
