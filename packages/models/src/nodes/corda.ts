// models.corda: adapters initialised from a context-oriented SVD of each linear map.
import { z } from 'zod';
import { defineNode, encodeBatch, tf } from '@sous/core';
import { CORDA, LORA } from '@sous/core/references';
import { cordaAdapter, ridgeCovariance } from '../weights/corda.js';
import { adapterMessages } from './lora.js';
import { adaptedModel, blockMatrices, sameLayoutGpts, weightModelMessages } from './weight-models.js';

const transpose = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));

export const corda = defineNode({
  name: 'corda',
  kind: 'model',
  doc:
    'CorDA: for every linear map inside the blocks, W [d_out, d_in] and the covariance C = XᵀX + εI of ' +
    'its inputs on `samples` examples of `context`, W C = U Σ Vᵀ gives W = Σᵢ σᵢ uᵢ (C⁻¹vᵢ)ᵀ; r of ' +
    'those components become a trainable adapter B A (B = U_r Σ_r^½, A = Σ_r^½ V̂_rᵀ: the square-root ' +
    'split is reconstructed) and W − B A is frozen. mode "kpa" (knowledge-preserved: context = data ' +
    'whose knowledge to keep) adapts the r smallest components, "ipa" (instruction-previewed: context = ' +
    'the fine-tuning task) the r largest. The model starts equal to `model`; models.materialize merges it.',
  references: [CORDA, LORA],
  params: z.object({
    rank: z.number().int().min(1).default(4).describe('r, the rank of each adapter.'),
    mode: z.enum(['kpa', 'ipa']).describe('"kpa" adapts the smallest components, "ipa" the largest.'),
    samples: z.number().int().min(1).default(64).describe('How many context examples (the first ones) orient the SVD.'),
    epsilon: z
      .number()
      .positive()
      .default(1e-4)
      .describe("The ridge added to C, relative to the mean of C's diagonal."),
  }),
  inputs: {
    model: { type: 'Model', doc: 'The model adapted (its weights are copied).' },
    context: { type: 'Dataset', doc: 'The examples whose layer inputs orient the decomposition.' },
  },
  output: 'Model',
  messages: {
    ...weightModelMessages,
    ...adapterMessages,
    noTokenizer: 'the model has no tokenizer, so the context examples cannot be encoded',
  },
  run({ model, context }, { rank, mode, samples, epsilon }, ctx) {
    const [gpt] = sameLayoutGpts([model], ctx.fail);
    const { rankLimit } = blockMatrices(gpt);
    if (rank > rankLimit) ctx.fail('rankTooLarge', { rank, limit: rankLimit });
    const tokenizer = gpt.tokenizer ?? ctx.fail('noTokenizer');
    const examples = Array.from({ length: Math.min(samples, context.size) }, (_, i) => context.get(i));
    const batch = encodeBatch(examples, tokenizer, context.name);
    // Positions up to each row's last target (its eos): the padding after it is not context.
    const positions = new Float32Array(batch.tokens.length);
    for (let row = 0; row < batch.size; row++) {
      const offset = row * batch.length;
      const last = batch.targetMask.subarray(offset, offset + batch.length).lastIndexOf(1);
      positions.fill(1, offset, offset + last + 1);
    }
    const tokens = tf.tensor2d(batch.tokens, [batch.size, batch.length], 'int32');
    const mask = tf.tensor2d(positions, [batch.size, batch.length]);
    const grams = gpt.linearInputGrams(tokens, mask);
    tokens.dispose();
    mask.dispose();
    // α = r: the adapter adds B A itself, as the decomposition split it.
    return adaptedModel(gpt, 'corda', rank, (name, _shape, frozen) => {
      const stored = frozen.get(name)!;
      const weight = transpose(stored.arraySync() as number[][]);
      const split = cordaAdapter(weight, ridgeCovariance(grams.get(name)!, epsilon), rank, mode);
      frozen.set(name, tf.tensor2d(transpose(split.frozen)));
      stored.dispose();
      return { a: tf.tensor2d(split.a), b: tf.tensor2d(split.b) };
    });
  },
});
