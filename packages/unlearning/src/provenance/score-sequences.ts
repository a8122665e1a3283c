// Shared by the provenance nodes: a Model input as a language model, and the mean token
// log-likelihood of sequences under it, with the messages both raise.
import { encodeBatch, type Batch, type Example, type Fail, type LanguageModel } from '@sous/core';
import { languageModelMessages, languageModelOf } from '../language-model.js';
import { meanTargetLogLikelihoods } from './sequence-log-likelihood.js';

export const scoreMessages = {
  ...languageModelMessages,
  tooLong: {
    message: "rows of {{rowLength}} tokens need a context of {{needed}}, but the {{port}}'s is {{context}}",
    hint: 'Use a model with a longer context or shorter sequences.',
  },
} as const;

export type ScoreFail = Fail<keyof typeof scoreMessages>;

/** The model on input `port`, checked to be a language model whose context holds `batch`'s rows. */
export function scoringModel(value: unknown, port: string, batch: Batch, fail: ScoreFail): LanguageModel {
  const model = languageModelOf(value, port, fail);
  if (batch.length - 1 > model.contextLength) {
    fail('tooLong', { rowLength: batch.length, needed: batch.length - 1, port, context: model.contextLength });
  }
  return model;
}

/** ℓ of each example (bos + prompt + answer + eos, targets on answer and eos) under `model`. */
export function exampleLogLikelihoods(
  model: unknown,
  port: string,
  examples: Example[],
  vocab: Parameters<typeof encodeBatch>[1],
  fail: ScoreFail,
): Float64Array {
  const batch = encodeBatch(examples, vocab, 'the provenance examples');
  return meanTargetLogLikelihoods(scoringModel(model, port, batch, fail), batch);
}
