// objectives.nll: the supervised fine-tuning loss.
import { z } from 'zod';
import { SousError, defineNode, tf } from '@sous/core';
import { asLanguageModel } from '../language-model.js';
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
  // Synchronous and self-contained: it runs inside the trainer's gradient scope.
  run({ policy, batch }): tf.Scalar {
    const model = asLanguageModel(policy, 'objectives.nll');
    if (batch.length - 1 > model.contextLength) {
      throw new SousError(
        `objectives.nll: batch rows of ${batch.length} tokens need a context of ${batch.length - 1}, but the model's is ${model.contextLength}`,
        { hint: 'Use a model with a longer context or shorter examples.' },
      );
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
