// unlearning.forget_quality: is the unlearned model indistinguishable from one never trained on the
// forget set?
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { TOFU } from '@sous/core/references';
import { ksTwoSample } from '../stats/ks.js';
import { answerScoreMessages } from '../metrics/answer-scores.js';
import { truthRatioMessages, truthRatios } from '../metrics/measures.js';

/** log10 of the smallest positive double: where a p-value that underflowed to 0 is reported. */
const LOG10_SMALLEST = Math.log10(Number.MIN_VALUE);

export const forget_quality = defineNode({
  name: 'forget_quality',
  kind: 'eval',
  doc:
    "TOFU's forget quality, reported as log10 (it spans hundreds of orders of magnitude): the p-value " +
    'of a two-sample Kolmogorov–Smirnov test between the per-example truth ratios (see truth_ratio) ' +
    "of the forget set under the policy and under the model retrained without it (scipy's ks_2samp, " +
    "method 'auto': exact below 10 000 examples). 0 means as good as retraining; a p-value that " +
    'underflows is reported as log10 of the smallest double (−323.3). Returns forget_quality ' +
    '(log10 p) and forget_ks (the statistic D).',
  references: [TOFU],
  params: z.object({}),
  inputs: {
    policy: { type: 'Model', doc: 'The unlearned (or fine-tuned) model.' },
    retrained: { type: 'Model', doc: 'The same architecture trained without the forget set (facts.retain_train).' },
    forget: { type: 'Dataset', doc: 'The forget split, e.g. facts.forget.' },
  },
  output: 'Metrics',
  messages: { ...answerScoreMessages, ...truthRatioMessages },
  run({ policy, retrained, forget }, _params, ctx): Metrics {
    const { statistic, pValue } = ksTwoSample(
      truthRatios(policy, 'policy', forget, ctx),
      truthRatios(retrained, 'retrained', forget, ctx),
    );
    return { forget_quality: pValue > 0 ? Math.log10(pValue) : LOG10_SMALLEST, forget_ks: statistic };
  },
});
