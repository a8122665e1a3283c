// unlearning.answer_likelihood: how well a model still knows a split's answers.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { EXTRACTION_STRENGTH, TOFU } from '@sous/core/references';
import { answerScoreMessages, scoreAnswers, splitName } from '../metrics/answer-scores.js';
import { likelihoodMeasures } from '../metrics/measures.js';

export const answer_likelihood = defineNode({
  name: 'answer_likelihood',
  kind: 'eval',
  doc:
    "A split's answers under teacher forcing (answer tokens and eos, one forward pass): probability, " +
    'the mean over examples of exp(mean token log-prob) (TOFU/open-unlearning Q_A_Prob); accuracy, the ' +
    'share of examples whose every token is the argmax — exactly what greedy decoding reproduces, ' +
    'standing in for ROUGE on these one-word answers; exact_memorization, the mean share of argmax ' +
    'tokens; extraction_strength, the mean of 1 − k/L with k the shortest answer prefix after which ' +
    'every prediction is the argmax. Metric names start with the split (facts.forget → ' +
    'forget_probability, …).',
  references: [TOFU, EXTRACTION_STRENGTH],
  params: z.object({}),
  inputs: {
    policy: { type: 'Model', doc: 'The language model to evaluate.' },
    data: { type: 'Dataset', doc: 'Questions and answers, e.g. facts.forget or facts.retain.' },
  },
  output: 'Metrics',
  messages: answerScoreMessages,
  run({ policy, data }, _params, ctx): Metrics {
    const measures = likelihoodMeasures(scoreAnswers(policy, 'policy', data, ctx));
    const split = splitName(data);
    return Object.fromEntries(Object.entries(measures).map(([name, value]) => [`${split}_${name}`, value]));
  },
});
