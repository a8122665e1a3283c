// objectives.accuracy: the share of a dataset's prompts that greedy decoding answers correctly.
import { z } from 'zod';
import { defineNode, generate, type Metrics } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { evalPromptMessages, evalPrompts } from '../lib/eval-prompts.js';

const params = z.object({
  max_new: z
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(8)
    .describe('Most tokens generated per prompt (eos ends a completion sooner).'),
  limit: z.number().int().min(0).default(0).describe('Evaluate only the first `limit` examples; 0 evaluates them all.'),
  batch_size: z.number().int().min(1).max(4096).default(64).describe('Prompts decoded together.'),
});

const GREEDY = { temperature: 0, topK: 0, topP: 1 };

export const accuracy = defineNode({
  name: 'accuracy',
  kind: 'eval',
  doc:
    'Accuracy of greedy decoding: each prompt (bos + prompt) is continued with the most likely token ' +
    "until eos or max_new tokens, and the completion (without eos) is checked by the task's verifier. " +
    'Returns { accuracy }.',
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    data: { type: 'Dataset', doc: "The problems, e.g. task.test; it must carry its task's verifier." },
  },
  output: 'Metrics',
  messages: { ...languageModelMessages, ...evalPromptMessages },
  async run({ policy, data }, { max_new, limit, batch_size }, ctx): Promise<Metrics> {
    const model = asLanguageModel(policy, 'policy', ctx.fail);
    const { verify, tokenizer, eos, examples, prompts } = evalPrompts(
      data,
      model,
      { limit, maxNew: max_new },
      ctx.fail,
    );

    let correct = 0;
    for (let start = 0; start < prompts.length; start += batch_size) {
      const chunk = prompts.slice(start, start + batch_size);
      const { completions } = await generate(
        model,
        chunk.map((prompt) => ({ prompt })),
        {
          ...GREEDY,
          maxNew: max_new,
          stop: [[eos]],
          pad: tokenizer.pad ?? eos,
          rng: ctx.rng,
        },
      );
      completions.forEach((completion, row) => {
        const text = tokenizer.decode(completion.at(-1) === eos ? completion.slice(0, -1) : completion);
        if (verify(text, examples[start + row])) correct++;
      });
    }
    return { accuracy: correct / prompts.length };
  },
});
