// objectives' language-model check, raising the message from this package so that the
// conformance check, which follows local imports only, sees each node raise what it declares.
import type { Fail, LanguageModel } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '@sous/objectives';

export { languageModelMessages };

/** `value`, the model on input `port`, as a language model. */
export function languageModelOf(
  value: unknown,
  port: string,
  fail: Fail<keyof typeof languageModelMessages>,
): LanguageModel {
  return asLanguageModel(value, port, () => fail('notLanguageModel', { port }));
}
