// What the evals that generate from a dataset's prompts (accuracy, pass_at_k) check and share: a
// verifier, a tokenizer with an eos token, a non-empty selection of examples, prompts that leave
// room for max_new tokens in the model's context.
import { maxOf, type Dataset, type Example, type LanguageModel, type Tokenizer, type Fail } from '@sous/core';

export const evalPromptMessages = {
  noVerifier: {
    message: 'the dataset {{dataset}} has no verifier',
    hint: 'Pass a split of a task node, such as task.test.',
  },
  noEos: 'neither the dataset {{dataset}} nor the model has a tokenizer with an eos token',
  emptyDataset: 'the dataset {{dataset}} is empty',
  promptTooLong: {
    message: "a prompt of {{longest}} tokens plus max_new {{maxNew}} exceeds the model's context of {{context}}",
    hint: 'Lower max_new.',
  },
} as const;

export interface EvalPrompts {
  verify: NonNullable<Dataset['verify']>;
  tokenizer: Tokenizer;
  eos: number;
  /** The first `limit` examples (all when 0). */
  examples: Example[];
  /** Each example's prompt as bos + prompt tokens. */
  prompts: number[][];
}

export function evalPrompts(
  data: Dataset,
  model: LanguageModel,
  { limit, maxNew }: { limit: number; maxNew: number },
  fail: Fail<keyof typeof evalPromptMessages>,
): EvalPrompts {
  const dataset = data.name;
  const verify = data.verify;
  if (verify === undefined) return fail('noVerifier', { dataset });
  const tokenizer = data.vocab ?? model.tokenizer;
  const eos = tokenizer?.eos;
  if (tokenizer === undefined || eos === undefined) return fail('noEos', { dataset });
  const count = limit === 0 ? data.size : Math.min(limit, data.size);
  if (count === 0) fail('emptyDataset', { dataset });

  const examples = Array.from({ length: count }, (_, index) => data.get(index));
  const prompts = examples.map(({ prompt }) => {
    const ids = tokenizer.encode(prompt);
    return tokenizer.bos === undefined ? ids : [tokenizer.bos, ...ids];
  });
  const longest = maxOf(prompts.map((prompt) => prompt.length));
  if (longest + maxNew > model.contextLength) {
    fail('promptTooLong', { longest, maxNew, context: model.contextLength });
  }
  return { verify: verify.bind(data), tokenizer, eos, examples, prompts };
}
