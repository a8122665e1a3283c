// objectives.pass_at_k: unbiased pass@k and mean@n of sampled completions.
import { z } from 'zod';
import { defineNode, generate, maxOf, type Metrics } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { evalPromptMessages, evalPrompts } from '../lib/eval-prompts.js';
import { passAtK } from '../lib/pass-at-k.js';
import { PASS_AT_K } from '@sous/core/references';

const params = z.object({
  k: z.array(z.number().int().min(1).max(1024)).min(1).default([1, 8]).describe('The k of each pass@k reported.'),
  n: z.number().int().min(0).max(1024).default(0).describe('Samples per prompt (n ≥ every k); 0 uses the largest k.'),
  max_new: z.number().int().min(1).max(4096).default(8).describe('Most tokens per completion (eos ends one sooner).'),
  temperature: z
    .number()
    .min(0)
    .max(10)
    .default(1)
    .describe('Sampling temperature (0 is greedy: every sample is the same).'),
  top_k: z.number().int().min(0).default(0).describe('Sample among the k most likely tokens (0: all).'),
  top_p: z.number().gt(0).max(1).default(1).describe('Nucleus sampling mass (1: all).'),
  limit: z.number().int().min(0).default(0).describe('Evaluate only the first `limit` examples; 0 evaluates them all.'),
  batch_size: z.number().int().min(1).max(65536).default(512).describe('Sequences generated together (prompts × n).'),
});

export const pass_at_k = defineNode({
  name: 'pass_at_k',
  kind: 'eval',
  doc:
    "Samples n completions per prompt (bos + prompt, until eos or max_new) and checks each with the task's " +
    'verifier. With c correct of n, pass@k = 1 − C(n−c, k)/C(n, k) (the unbiased estimator of Chen et al. 2021), ' +
    'averaged over prompts; mean@n is the mean share of correct samples (the unbiased pass@1). ' +
    'Returns { "pass@<k>" for each k, "mean@<n>" }. Draws are seeded by the run seed, node and step.',
  references: [PASS_AT_K],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    data: { type: 'Dataset', doc: "The problems, e.g. task.test; it must carry its task's verifier." },
  },
  output: 'Metrics',
  messages: {
    ...languageModelMessages,
    ...evalPromptMessages,
    kAboveN: {
      message: 'every k must be at most n = {{n}}, got k = [{{k}}]',
      hint: 'Raise n or drop the larger k.',
    },
  },
  async run({ policy, data }, p, ctx): Promise<Metrics> {
    const model = asLanguageModel(policy, 'policy', ctx.fail);
    const n = p.n || maxOf(p.k);
    if (p.k.some((k) => k > n)) ctx.fail('kAboveN', { n, k: p.k.join(', ') });
    const { verify, tokenizer, eos, examples, prompts } = evalPrompts(
      data,
      model,
      { limit: p.limit, maxNew: p.max_new },
      ctx.fail,
    );

    const promptsPerCall = Math.max(1, Math.floor(p.batch_size / n));
    const correct: number[] = [];
    for (let start = 0; start < prompts.length; start += promptsPerCall) {
      const requests = prompts
        .slice(start, start + promptsPerCall)
        .flatMap((prompt) => Array.from({ length: n }, () => ({ prompt })));
      const out = await generate(model, requests, {
        temperature: p.temperature,
        topK: p.top_k,
        topP: p.top_p,
        maxNew: p.max_new,
        stop: [[eos]],
        pad: tokenizer.pad ?? eos,
        rng: ctx.rng,
      });
      examples.slice(start, start + promptsPerCall).forEach((example, e) => {
        let c = 0;
        for (let s = 0; s < n; s++) {
          const completion = out.completions[e * n + s];
          const text = tokenizer.decode(completion.at(-1) === eos ? completion.slice(0, -1) : completion);
          if (verify(text, example)) c++;
        }
        correct.push(c);
      });
    }
    const metrics: Metrics = {};
    for (const k of p.k) metrics[`pass@${k}`] = average(correct.map((c) => passAtK(n, c, k)));
    metrics[`mean@${n}`] = average(correct.map((c) => c / n));
    return metrics;
  },
});

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
