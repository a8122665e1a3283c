// @sous/unlearning: forgetting objectives, the unlearning benchmark and its metrics, provenance
// tests. Gradient ascent and gradient difference are recipe compositions of objectives.nll
// (−nll(forget), −nll(forget) + α·nll(retain)); IdkDPO is objectives.dpo on samplers.pairs(facts.forget).
import { definePlugin } from '@sous/core';
import { facts } from './nodes/facts.js';
import { npo } from './nodes/npo.js';
import { rmu } from './nodes/rmu.js';
import { simnpo } from './nodes/simnpo.js';
import { answer_likelihood } from './nodes/answer_likelihood.js';
import { forget_quality } from './nodes/forget_quality.js';
import { mia } from './nodes/mia.js';
import { model_utility } from './nodes/model_utility.js';
import { privacy_leakage } from './nodes/privacy_leakage.js';
import { truth_ratio } from './nodes/truth_ratio.js';
import { in_order } from './nodes/in_order.js';
import { markov_corpus } from './nodes/markov_corpus.js';
import { provenance_query } from './nodes/provenance_query.js';
import { provenance_text } from './nodes/provenance_text.js';
import { score_forgetting } from './nodes/score_forgetting.js';

// Written once, for every node that compares two samples or scores an attack.
export { ksTwoSample, kolmogorovSurvival, type KsResult } from './stats/ks.js';
export { rocAuc } from './stats/auc.js';

export default definePlugin({
  namespace: 'unlearning',
  nodes: [
    facts,
    npo,
    simnpo,
    rmu,
    answer_likelihood,
    truth_ratio,
    forget_quality,
    model_utility,
    mia,
    privacy_leakage,
    // provenance: palimpsestic membership inference
    markov_corpus,
    in_order,
    provenance_query,
    provenance_text,
    // diffusion unlearning: score forgetting distillation
    score_forgetting,
  ],
});
