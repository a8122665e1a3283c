// What the forgetting losses start from: per forget example, the summed log-probability of its
// answer (eos included) and its length in tokens, under a language model.
import type { tf, Batch, Fail } from '@sous/core';
import { answerLogProbs } from '@sous/objectives';
import { languageModelMessages, languageModelOf } from '../language-model.js';

/** What `forgetLogProbs` can fail with: spread into the node's messages. */
export const forgetLogProbMessages = {
  ...languageModelMessages,
  forgetContext: {
    message: "{{batch}} rows of {{rowLength}} tokens need a context of {{needed}}, but the {{port}}'s is {{context}}",
    hint: 'Use a model with a longer context or shorter examples.',
  },
} as const;

/** ℓ(y|x) and |y| of each row of `batch` under the model on input `port`. */
export function forgetLogProbs(
  value: unknown,
  port: string,
  batch: Batch,
  batchName: string,
  fail: Fail<keyof typeof forgetLogProbMessages>,
): { sums: tf.Tensor1D; lengths: tf.Tensor1D } {
  const model = languageModelOf(value, port, fail);
  if (batch.length - 1 > model.contextLength) {
    fail('forgetContext', {
      batch: batchName,
      rowLength: batch.length,
      needed: batch.length - 1,
      port,
      context: model.contextLength,
    });
  }
  return answerLogProbs(model, batch);
}
