// objectives.preference_accuracy: how often a policy's implicit reward ranks the chosen answer of
// held-out preference pairs above the rejected one.
import { z } from 'zod';
import { defineNode, encodePairs, tf, type Metrics } from '@sous/core';
import { evalPromptMessages } from '../lib/eval-prompts.js';
import { pairLogRatios, pairMessages } from '../lib/pair-log-ratios.js';
import { DPO } from '@sous/core/references';

const params = z.object({
  beta: z
    .number()
    .gt(0)
    .max(1e3)
    .default(0.1)
    .describe('β of the implicit reward β·(ℓ_θ − ℓ_ref); scales reward_margin only.'),
  limit: z.number().int().min(0).default(0).describe('Evaluate only the first `limit` pairs; 0 evaluates them all.'),
  batch_size: z.number().int().min(1).max(4096).default(128).describe('Pairs scored together.'),
});

export const preference_accuracy = defineNode({
  name: 'preference_accuracy',
  kind: 'eval',
  doc:
    'Scores every pair of a preference dataset with the implicit reward r(y) = β·(ℓ_θ(y|x) − ℓ_ref(y|x)) ' +
    '(ℓ: summed answer log-probs, eos included). Returns preference_accuracy, the share of pairs with ' +
    'r(chosen) > r(rejected) (a tie counts as wrong, so a policy equal to its reference scores 0); ' +
    'reward_margin, the mean r(chosen) − r(rejected); and likelihood_accuracy, the share with ' +
    "ℓ_θ(chosen) > ℓ_θ(rejected), the policy's own ranking whatever the reference.",
  references: [DPO],
  params,
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    ref: { type: 'Model', doc: 'The reference of the implicit reward, e.g. the frozen SFT model.' },
    data: { type: 'Dataset', doc: 'Preference pairs, e.g. prefs.test of tasks.preference_pairs.' },
  },
  output: 'Metrics',
  messages: {
    ...pairMessages,
    noTokenizer: {
      message: 'the dataset {{dataset}} carries no tokenizer',
      hint: 'Pass a split of a preference task, such as prefs.test.',
    },
    emptyDataset: evalPromptMessages.emptyDataset,
  },
  run({ policy, ref, data }, { beta, limit, batch_size }, ctx): Metrics {
    const dataset = data.name;
    const vocab = data.vocab ?? ctx.fail('noTokenizer', { dataset });
    const count = limit === 0 ? data.size : Math.min(limit, data.size);
    if (count === 0) ctx.fail('emptyDataset', { dataset });
    let preferred = 0,
      likelihoodPreferred = 0,
      marginSum = 0;
    for (let start = 0; start < count; start += batch_size) {
      const examples = Array.from({ length: Math.min(batch_size, count - start) }, (_, offset) =>
        data.get(start + offset),
      );
      const pairs = encodePairs(examples, vocab, `dataset ${dataset}`);
      const [margins, policyMargins] = tf.tidy(() => {
        const { chosen, rejected, policyMargin } = pairLogRatios(policy, ref, pairs, ctx.fail);
        return [tf.sub(chosen, rejected).dataSync(), policyMargin.dataSync()];
      });
      margins.forEach((margin, pair) => {
        marginSum += margin;
        if (margin > 0) preferred++;
        if (policyMargins[pair] > 0) likelihoodPreferred++;
      });
    }
    return {
      preference_accuracy: preferred / count,
      reward_margin: (beta * marginSum) / count,
      likelihood_accuracy: likelihoodPreferred / count,
    };
  },
});
