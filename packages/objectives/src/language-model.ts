// Narrows a `Model` input to the LanguageModel a token-level objective needs. A node that calls it
// spreads `languageModelMessages` into its messages.
import type { LanguageModel, Fail } from '@sous/core';

export const languageModelMessages = {
  notLanguageModel: {
    message: 'the {{port}} is not a language model (it has no token logits)',
    hint: 'Pass a model made by a language-model node such as models.gpt.',
  },
} as const;

/** `value`, the model on input `port`, as a language model. */
export function asLanguageModel(
  value: unknown,
  port: string,
  fail: Fail<keyof typeof languageModelMessages>,
): LanguageModel {
  const model = value as Partial<LanguageModel> | null;
  if (
    typeof model?.logits !== 'function' ||
    typeof model.decode !== 'function' ||
    typeof model.newCache !== 'function'
  ) {
    fail('notLanguageModel', { port });
  }
  return model as LanguageModel;
}
