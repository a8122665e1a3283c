// unlearning.model_utility: what the model still knows and can do, in one number.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { TOFU } from '@sous/core/references';
import { answerScoreMessages, scoreAnswers } from '../metrics/answer-scores.js';
import { likelihoodMeasures, truthRatioMessages, trueBetter, truthRatios } from '../metrics/measures.js';

/** n / Σ 1/x; 0 when any x is 0 (as scipy.stats.hmean). */
export function harmonicMean(values: readonly number[]): number {
  if (values.some((x) => x <= 0)) return 0;
  return values.length / values.reduce((sum, x) => sum + 1 / x, 0);
}

export const model_utility = defineNode({
  name: 'model_utility',
  kind: 'eval',
  doc:
    "TOFU's model utility: the harmonic mean of the retain split's probability, accuracy and truth " +
    'ratio ("true_better") and the general split\'s probability and accuracy (see answer_likelihood ' +
    'and truth_ratio). TOFU takes ROUGE where this takes greedy accuracy, and real-author and ' +
    'world-fact splits where this takes the general skill. Any component at 0 gives 0. Returns ' +
    'model_utility.',
  references: [TOFU],
  params: z.object({}),
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    retain: { type: 'Dataset', doc: 'Facts that must be kept, e.g. facts.retain.' },
    general: { type: 'Dataset', doc: 'A general skill, e.g. facts.general.' },
  },
  output: 'Metrics',
  messages: { ...answerScoreMessages, ...truthRatioMessages },
  run({ policy, retain, general }, _params, ctx): Metrics {
    const kept = likelihoodMeasures(scoreAnswers(policy, 'policy', retain, ctx));
    const skill = likelihoodMeasures(scoreAnswers(policy, 'policy', general, ctx));
    const retainTruth = trueBetter(truthRatios(policy, 'policy', retain, ctx));
    return {
      model_utility: harmonicMean([kept.probability, kept.accuracy, retainTruth, skill.probability, skill.accuracy]),
    };
  },
});
