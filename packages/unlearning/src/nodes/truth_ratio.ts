// unlearning.truth_ratio: does the model prefer the true answer to wrong ones?
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { TOFU } from '@sous/core/references';
import { answerScoreMessages, splitName } from '../metrics/answer-scores.js';
import { closerToOne, truthRatioMessages, trueBetter, truthRatios } from '../metrics/measures.js';

export const truth_ratio = defineNode({
  name: 'truth_ratio',
  kind: 'eval',
  doc:
    "TOFU's truth ratio. Per example TR = P̄(perturbed)/P̄(paraphrased), P̄ the per-token-normalised " +
    'probability exp(mean token log-prob) and the perturbed side the geometric mean over the ' +
    'example\'s wrong answers. Aggregated as "true_better", mean max(0, 1 − TR) (retain data: high ' +
    'when wrong answers are much less likely), or "closer_to_1", mean min(TR, 1/TR) (forget data: a ' +
    'model that knows nothing of the fact scores near 1). Returns <split>_truth_ratio.',
  references: [TOFU],
  params: z.object({
    aggregate: z
      .enum(['true_better', 'closer_to_1'])
      .default('true_better')
      .describe('"true_better" (retain, general) or "closer_to_1" (forget), as in open-unlearning.'),
  }),
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    data: { type: 'Dataset', doc: 'Examples with `paraphrased` and `perturbed` answers, e.g. facts.retain.' },
  },
  output: 'Metrics',
  messages: { ...answerScoreMessages, ...truthRatioMessages },
  run({ policy, data }, { aggregate }, ctx): Metrics {
    const ratios = truthRatios(policy, 'policy', data, ctx);
    return {
      [`${splitName(data)}_truth_ratio`]: aggregate === 'true_better' ? trueBetter(ratios) : closerToOne(ratios),
    };
  },
});
