// samplers.prefix: Prefix-RFT rollouts that continue a prefix of a demonstration (Huang et al. 2025).
import { z } from 'zod';
import { defineNode, type Example, type Rollouts, type Tokenizer } from '@sous/core';
import { encode, rolloutMessages, sampleRollouts } from '../rollouts.js';
import { samplingParams } from '../sampling-params.js';
import { PREFIX_RFT } from '@sous/core/references';

const params = z.object({
  ...samplingParams,
  prefixed: z
    .number()
    .int()
    .min(0)
    .max(1024)
    .default(1)
    .describe("How many of each group's G rollouts start from a demonstration prefix."),
  ratio_start: z
    .number()
    .min(0)
    .max(1)
    .default(0.95)
    .describe('ρ at step 0: the share of the demonstration used as prefix.'),
  ratio_end: z.number().min(0).max(1).default(0.05).describe('ρ after decay_steps.'),
  decay_steps: z
    .number()
    .int()
    .min(1)
    .default(100)
    .describe('Steps of the cosine decay from ratio_start to ratio_end.'),
  field: z
    .string()
    .min(1)
    .default('answer')
    .describe('The example field holding the demonstration (it is followed by eos).'),
});

export const prefix = defineNode({
  name: 'prefix',
  kind: 'sampler',
  doc:
    'Prefix-RFT: like samplers.group, but the first `prefixed` rollouts of each group start with the ' +
    "first ⌊ρ·|d|⌋ tokens of the demonstration d (the example's `field`, then eos), which are fed instead of " +
    'sampled and marked in `demonstrated`; the policy writes the rest. ρ decays over steps s by a cosine, ' +
    'ρ_s = end + (start − end)·(1 + cos(π·min(s, S)/S))/2. For demonstrated tokens sampleLogProbs holds the ' +
    "policy's own tempered log-prob, so their ratio starts at 1 (reconstructed: the demonstrator's is unknown). " +
    "The share of prefixed rollouts per group is our choice (the paper's is not stated in the abstract).",
  references: [PREFIX_RFT],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model that samples.' },
    prompts: { type: 'Prompts', doc: 'Prompts whose examples carry demonstrations.' },
  },
  output: 'Rollouts',
  messages: {
    ...rolloutMessages,
    prefixedAboveGroup: 'prefixed ({{prefixed}}) cannot exceed group ({{group}})',
    noDemonstration: 'an example has no text field "{{field}}" to take a demonstration from',
  },
  run({ policy, prompts }, p, ctx): Promise<Rollouts> {
    if (p.prefixed > p.group) ctx.fail('prefixedAboveGroup', { prefixed: p.prefixed, group: p.group });
    const ratio = prefixRatio(ctx.step, p);
    ctx.metric('prefix_ratio', ratio);
    const forced = (example: Example, member: number, vocab: Tokenizer): number[] => {
      if (member >= p.prefixed) return [];
      const text = example[p.field];
      if (typeof text !== 'string') return ctx.fail('noDemonstration', { field: p.field });
      const demonstration = [...encode(vocab, text, 'the demonstration', ctx), vocab.eos!];
      return demonstration.slice(0, Math.floor(ratio * demonstration.length));
    };
    return sampleRollouts(policy, prompts, p, ctx, forced);
  },
});

/** ρ at `step`: a cosine from ratio_start down to ratio_end over decay_steps, then flat. */
export function prefixRatio(step: number, p: { ratio_start: number; ratio_end: number; decay_steps: number }): number {
  const progress = Math.min(step, p.decay_steps) / p.decay_steps;
  return p.ratio_end + ((p.ratio_start - p.ratio_end) * (1 + Math.cos(Math.PI * progress))) / 2;
}
