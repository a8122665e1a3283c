// unlearning.privacy_leakage: MUSE's PrivLeak, the MIA AUC gap to the retrained model.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { MUSE } from '@sous/core/references';
import { answerScoreMessages } from '../metrics/answer-scores.js';
import { ATTACKS } from '../metrics/measures.js';
import { attackAuc, attackParams } from './mia.js';

export const privacy_leakage = defineNode({
  name: 'privacy_leakage',
  kind: 'eval',
  doc:
    "MUSE's privacy leakage, in percent: (s_policy − s_retrained)/s_retrained · 100 with s = 1 − AUC of " +
    "one attack (see mia), forget against held-out — MUSE's AUC counts a held-out example scoring above " +
    'a forget one. ≈ 0 is ideal; strongly negative means the forget set is still recognisable ' +
    '(under-unlearned), strongly positive that it stands out the other way (over-unlearned). Returns ' +
    "privleak, auc (the policy's) and auc_retrained.",
  references: [MUSE],
  params: z.object({
    attack: z
      .enum(ATTACKS.filter((attack) => attack !== 'reference') as ['loss', 'zlib', 'min_k', 'min_k_plus_plus'])
      .default('min_k')
      .describe('The attack whose AUC is compared (MUSE: min_k).'),
    ...attackParams,
  }),
  inputs: {
    policy: { type: 'Model', doc: 'The unlearned model.' },
    retrained: { type: 'Model', doc: 'The model trained without the forget set.' },
    forget: { type: 'Dataset', doc: 'Members: e.g. facts.forget.' },
    holdout: { type: 'Dataset', doc: 'Non-members: e.g. facts.holdout.' },
  },
  output: 'Metrics',
  messages: {
    ...answerScoreMessages,
    retrainedSeparates: {
      message: 'the retrained model separates the forget set perfectly (AUC {{auc}}), so the leakage has no scale',
      hint: 'Check that the retrained model was trained without the forget set (facts.retain_train).',
    },
  },
  run({ policy, retrained, forget, holdout }, { attack, k }, ctx): Metrics {
    const auc = attackAuc(attack, policy, 'policy', { forget, holdout, k }, ctx);
    const retrainedAuc = attackAuc(attack, retrained, 'retrained', { forget, holdout, k }, ctx);
    if (retrainedAuc >= 1) ctx.fail('retrainedSeparates', { auc: retrainedAuc });
    return { privleak: ((1 - auc - (1 - retrainedAuc)) / (1 - retrainedAuc)) * 100, auc, auc_retrained: retrainedAuc };
  },
});
