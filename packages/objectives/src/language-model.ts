// Narrows a `Model` input to the LanguageModel a token-level objective needs.
import { SousError, type LanguageModel } from '@sous/core';

export function asLanguageModel(value: unknown, node: string): LanguageModel {
  const model = value as Partial<LanguageModel> | null;
  if (
    typeof model?.logits !== 'function' ||
    typeof model.decode !== 'function' ||
    typeof model.newCache !== 'function'
  ) {
    throw new SousError(`${node}: the policy is not a language model (it has no token logits)`, {
      hint: 'Pass a model made by a language-model node such as models.gpt.',
    });
  }
  return model as LanguageModel;
}
