// unlearning.mia: membership-inference attacks, forget (members) against held-out (non-members).
import { z } from 'zod';
import { defineNode, type Dataset, type Metrics } from '@sous/core';
import {
  LOSS_MEMBERSHIP_INFERENCE,
  MIN_K_PERCENT,
  MIN_K_PERCENT_PLUS_PLUS,
  MUSE,
  TRAINING_DATA_EXTRACTION,
} from '@sous/core/references';
import { rocAuc } from '../stats/auc.js';
import { answerScoreMessages, examplesOf, scoreAnswers } from '../metrics/answer-scores.js';
import { ATTACKS, attackScores, type Attack } from '../metrics/measures.js';

export const attackParams = {
  k: z
    .number()
    .gt(0)
    .max(1)
    .default(0.4)
    .describe("Share of an answer's lowest token scores that Min-K% and Min-K%++ average (open-unlearning: 0.4)."),
};

/** AUC of `attack` on the model at `port`: P(a forget example scores above a held-out one). */
export function attackAuc(
  attack: Attack,
  value: unknown,
  port: string,
  { forget, holdout, reference, k }: { forget: Dataset; holdout: Dataset; reference?: unknown; k: number },
  ctx: Parameters<typeof scoreAnswers>[3],
): number {
  const side = (data: typeof forget) =>
    attackScores(attack, {
      scores: scoreAnswers(value, port, data, ctx),
      examples: examplesOf(data, ctx.fail),
      referenceScores: attack === 'reference' ? scoreAnswers(reference, 'reference', data, ctx) : undefined,
      k,
    });
  return rocAuc(side(forget), side(holdout));
}

export const mia = defineNode({
  name: 'mia',
  kind: 'eval',
  doc:
    'Membership-inference attacks on answers (tokens and eos), each scoring an example so that ' +
    'higher means "trained on"; the AUC is the probability that a forget example outscores a held-out ' +
    'one (Mann–Whitney, ties ½): 1 = the forget set is recognisable, 0.5 = it is not. Attacks: loss ' +
    '(−mean token NLL, Yeom et al.), zlib (−mean NLL / zlib length of prompt + answer in bytes, ' +
    'Carlini et al.), min_k (mean of the lowest k share of token log-probs), min_k_plus_plus (the same ' +
    'on (log p − μ)/σ, μ and σ² the mean and variance of log p(·) under the next-token distribution), ' +
    'reference (reference loss − policy loss; only with a reference model). Returns auc_<attack>.',
  references: [LOSS_MEMBERSHIP_INFERENCE, TRAINING_DATA_EXTRACTION, MIN_K_PERCENT, MIN_K_PERCENT_PLUS_PLUS, MUSE],
  params: z.object(attackParams),
  inputs: {
    policy: { type: 'Model', doc: 'The model attacked.' },
    forget: { type: 'Dataset', doc: 'Members: e.g. facts.forget.' },
    holdout: { type: 'Dataset', doc: 'Non-members from the same distribution: e.g. facts.holdout.' },
    reference: {
      type: 'Model',
      optional: true,
      doc: 'A model that never saw the forget set, for the reference attack (e.g. the retrained model).',
    },
  },
  output: 'Metrics',
  messages: answerScoreMessages,
  run({ policy, forget, holdout, reference }, { k }, ctx): Metrics {
    const attacks = ATTACKS.filter((attack) => attack !== 'reference' || reference !== undefined);
    return Object.fromEntries(
      attacks.map((attack) => [
        `auc_${attack}`,
        attackAuc(attack, policy, 'policy', { forget, holdout, reference, k }, ctx),
      ]),
    );
  },
});
