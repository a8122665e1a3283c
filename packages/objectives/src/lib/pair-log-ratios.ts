// What every loss and eval of the DPO family starts from: per pair, the log-ratio of policy to
// reference, ℓ_θ(y|x) − ℓ_ref(y|x), of the chosen and of the rejected answer, where ℓ(y|x) is the
// sum of log π(y_t | x, y_<t) over the answer's tokens (eos included).
import { tf, type LanguageModel, type Pairs, type Fail } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { answerLogProbs } from '../token-log-probs.js';
import { stopGradient } from './stop-gradient.js';

export interface PairLogRatios {
  /** [P] ℓ_θ(y⁺|x) − ℓ_ref(y⁺|x). */
  chosen: tf.Tensor1D;
  /** [P] ℓ_θ(y⁻|x) − ℓ_ref(y⁻|x). */
  rejected: tf.Tensor1D;
  /** [P] ℓ_θ(y⁺|x) − ℓ_θ(y⁻|x): the policy's own preference, without the reference. */
  policyMargin: tf.Tensor;
}

/** What `pairLogRatios` can fail with: spread into the node's messages. */
export const pairMessages = {
  ...languageModelMessages,
  pairContext: {
    message: "pair rows of {{rowLength}} tokens need a context of {{needed}}, but the {{port}}'s is {{context}}",
    hint: 'Use a model with a longer context or shorter prompts and answers.',
  },
} as const;

type PairFail = Fail<keyof typeof pairMessages>;

/** The log-ratios of `pairs` (one forward pass of each model); no gradient reaches the reference. */
export function pairLogRatios(policy: unknown, ref: unknown, pairs: Pairs, fail: PairFail): PairLogRatios {
  const policySums = pairAnswerLogProbs(asLanguageModel(policy, 'policy', fail), 'policy', pairs, fail);
  const refSums = stopGradient(pairAnswerLogProbs(asLanguageModel(ref, 'ref', fail), 'ref', pairs, fail));
  const [chosen, rejected] = tf.split(tf.sub(policySums, refSums), 2) as [tf.Tensor1D, tf.Tensor1D];
  const [policyChosen, policyRejected] = tf.split(policySums, 2) as [tf.Tensor1D, tf.Tensor1D];
  return { chosen, rejected, policyMargin: tf.sub(policyChosen, policyRejected) };
}

/** [2P] ℓ(y|x) of each row of the pairs' batch (chosen rows, then rejected rows). */
function pairAnswerLogProbs(model: LanguageModel, port: string, pairs: Pairs, fail: PairFail): tf.Tensor1D {
  const { length } = pairs.batch;
  if (length - 1 > model.contextLength) {
    fail('pairContext', { rowLength: length, needed: length - 1, port, context: model.contextLength });
  }
  return answerLogProbs(model, pairs.batch).sums;
}
