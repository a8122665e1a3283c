// objectives.top_entropy: the high-entropy "forking" tokens.
import { z } from 'zod';
import { quantile } from 'd3-array';
import { defineNode, tf, type Mask } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { checkMask, maskMessages } from '../lib/checks.js';
import { rolloutEntropies } from '../lib/rollout-scores.js';
import { HIGH_ENTROPY_TOKENS } from '@sous/core/references';

const params = z.object({
  quantile: z
    .number()
    .gt(0)
    .max(1)
    .default(0.2)
    .describe('ρ: the share of tokens kept, those of highest entropy (1 keeps all).'),
});

export const top_entropy = defineNode({
  name: 'top_entropy',
  kind: 'mask',
  doc:
    'Keeps the top-ρ share of tokens by the policy\'s predictive entropy H_t = −Σ_v π(v) log π(v) ("80/20" ' +
    "forking tokens; TRL's top_entropy_quantile): 1 where H_t ≥ the (1−ρ)-quantile (linear interpolation, as " +
    'torch.quantile) of the entropies of the tokens in `within`, 0 elsewhere and outside `within`. ' +
    '`within` defaults to the completion mask. Computed outside the gradient.',
  references: [HIGH_ENTROPY_TOKENS],
  params,
  inputs: {
    policy: { type: 'Model' },
    rollouts: { type: 'Rollouts' },
    within: { type: 'Mask', optional: true, doc: 'The tokens ranked (default: the completion tokens).' },
  },
  output: 'Mask',
  messages: { ...languageModelMessages, ...maskMessages },
  run({ policy, rollouts, within }, { quantile: share }, ctx): Mask {
    const model = asLanguageModel(policy, 'policy', ctx.fail);
    const population = within ?? rollouts.completionMask;
    checkMask(population, rollouts, ctx.fail);
    const entropies = tf.tidy(() => rolloutEntropies(model, rollouts).dataSync() as Float32Array);
    const ranked = entropies.filter((_, i) => population[i] > 0);
    const mask = new Float32Array(entropies.length);
    if (ranked.length === 0) return mask;
    const threshold = quantile(ranked, 1 - share)!;
    entropies.forEach((h, i) => (mask[i] = population[i] > 0 && h >= threshold ? 1 : 0));
    return mask;
  },
});
