// objectives.nll: the supervised fine-tuning loss.
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { tokenLogProbs } from '../token-log-probs.js';

export const nll = defineNode({
  name: 'nll',
  kind: 'loss',
  doc:
    "Negative log-likelihood of the batch's targets: the mean over every target token of the batch " +
    '(answer tokens and eos, per targetMask) of −log p(token_t | tokens_<t). Teacher-forced SFT.',
  params: z.object({}),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    batch: { type: 'Batch', doc: 'Token rows and their target mask, e.g. from samplers.dataset.' },
  },
  output: 'Loss',
  messages: {
    ...languageModelMessages,
    batchContext: {
      message: "batch rows of {{rowLength}} tokens need a context of {{needed}}, but the model's is {{context}}",
      hint: 'Use a model with a longer context or shorter examples.',
    },
  },
  // Synchronous and self-contained: it runs inside the trainer's gradient scope.
  run({ policy, batch }, _params, ctx): tf.Scalar {
    const model = asLanguageModel(policy, 'policy', ctx.fail);
    if (batch.length - 1 > model.contextLength) {
      ctx.fail('batchContext', { rowLength: batch.length, needed: batch.length - 1, context: model.contextLength });
    }
    const tokens = tf.tensor2d(batch.tokens, [batch.size, batch.length], 'int32');
    const mask = tf.slice(
      tf.tensor2d(batch.targetMask, [batch.size, batch.length]),
      [0, 1],
      [batch.size, batch.length - 1],
    );
    const targetLogProb = tf.sum(tf.mul(tokenLogProbs(model, tokens), mask));
    return tf.neg(tf.div(targetLogProb, tf.sum(mask))) as tf.Scalar;
  },
});
