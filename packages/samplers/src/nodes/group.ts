// samplers.group: G completions per prompt, the sampler of GRPO and its family.
import { z } from 'zod';
import { defineNode, type Rollouts } from '@sous/core';
import { rolloutMessages, sampleRollouts } from '../rollouts.js';
import { samplingParams } from '../sampling-params.js';
import { GRPO } from '@sous/core/references';

export const group = defineNode({
  name: 'group',
  kind: 'sampler',
  doc:
    'Samples `group` completions of each prompt (bos + prompt) from the policy with its KV cache, until eos, ' +
    'a stop text or max_new tokens. Each token is drawn with a seeded uniform from the distribution after ' +
    'temperature, top-k and top-p, and its log-prob under that distribution is recorded (sampleLogProbs, the ' +
    'behaviour policy for importance corrections). temperature: 0 decodes greedily (evaluation rollouts). ' +
    'Metrics: mean_length, truncated (share of completions that hit max_new).',
  references: [GRPO],
  params: z.object(samplingParams),
  inputs: {
    policy: { type: 'Model', doc: 'The language model that samples.' },
    prompts: { type: 'Prompts', doc: 'e.g. samplers.prompts(task.train, size: 16).' },
  },
  output: 'Rollouts',
  messages: rolloutMessages,
  run({ policy, prompts }, params, ctx): Promise<Rollouts> {
    return sampleRollouts(policy, prompts, params, ctx);
  },
});
