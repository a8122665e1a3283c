// @sous/objectives: advantages, masks, losses and evals. One node per file in nodes/; the
// token-level helpers are exported for plugins that write objectives of their own.
import { definePlugin } from '@sous/core';
import { accuracy } from './nodes/accuracy.js';
import { nll } from './nodes/nll.js';
import { advantage_sign } from './nodes/advantage_sign.js';
import { clipped_pg } from './nodes/clipped_pg.js';
import { completion_mask } from './nodes/completion_mask.js';
import { demonstrated } from './nodes/demonstrated.js';
import { dpo } from './nodes/dpo.js';
import { dynamic_filter } from './nodes/dynamic_filter.js';
import { entropy } from './nodes/entropy.js';
import { group_norm } from './nodes/group_norm.js';
import { kl } from './nodes/kl.js';
import { kl_penalty } from './nodes/kl_penalty.js';
import { padding } from './nodes/padding.js';
import { pass_at_k } from './nodes/pass_at_k.js';
import { preference_accuracy } from './nodes/preference_accuracy.js';
import { reinforce } from './nodes/reinforce.js';
import { reinforce_advantage } from './nodes/reinforce_advantage.js';
import { rloo } from './nodes/rloo.js';
import { sign_weight } from './nodes/sign_weight.js';
import { top_entropy } from './nodes/top_entropy.js';
import { topr } from './nodes/topr.js';
import { truncated } from './nodes/truncated.js';

export { asLanguageModel, languageModelMessages } from './language-model.js';
export { answerLogProbs, tokenLogProbs } from './token-log-probs.js';
// Policy-gradient building blocks (ratio × surrogate × aggregation), for plugins' own losses.
export { aggregate, AGGREGATIONS, type Aggregation } from './lib/aggregate.js';
export { importanceRatio, sequenceRatio, tokenRatio, type RatioLevel } from './lib/ratio.js';
export { clippedSurrogate, policyGradientSurrogate, type ClipOptions } from './lib/surrogate.js';
export { klEstimate, KL_ESTIMATORS, type KlEstimator } from './lib/kl-estimators.js';
export { rolloutEntropies, rolloutLogProbs } from './lib/rollout-scores.js';
export { stopGradient } from './lib/stop-gradient.js';
// The DPO family's per-pair losses, for losses built on them (NPO is DPO without a chosen answer).
export { preferenceLoss, PREFERENCE_LOSSES, type PreferenceLoss } from './lib/preference-loss.js';
export { passAtK } from './lib/pass-at-k.js';

export default definePlugin({
  namespace: 'objectives',
  nodes: [
    nll,
    accuracy,
    // policy gradient: advantages, masks, losses, evals
    group_norm,
    rloo,
    reinforce_advantage,
    sign_weight,
    completion_mask,
    padding,
    truncated,
    demonstrated,
    top_entropy,
    advantage_sign,
    dynamic_filter,
    clipped_pg,
    reinforce,
    topr,
    kl,
    entropy,
    kl_penalty,
    pass_at_k,
    dpo,
    preference_accuracy, // preference pairs: the DPO family
  ],
});
