// What every policy-gradient loss starts from: the policy's log-probs of the rollouts' tokens and
// the mask as tensors. Runs inside the gradient scope.
import type { tf, LanguageModel, Mask, NodeContext, Rollouts, Fail } from '@sous/core';
import { asLanguageModel, languageModelMessages } from '../language-model.js';
import { aggregate, type Aggregation } from './aggregate.js';
import { checkMask, maskMessages } from './checks.js';
import { perTokenTensor, rolloutLogProbs } from './rollout-scores.js';

export interface LossInputs {
  model: LanguageModel;
  /** log π_θ of each token, [N, L] (one forward pass, on first use). */
  readonly logProbs: tf.Tensor;
  mask: tf.Tensor;
  /** Aggregates per-token losses with the node's aggregation parameters. */
  aggregate(perToken: tf.Tensor): tf.Scalar;
}

/** What `lossInputs` can fail with: spread into the loss's messages. */
export const lossInputMessages = { ...languageModelMessages, ...maskMessages } as const;

export function lossInputs(
  policy: unknown,
  rollouts: Rollouts,
  mask: Mask,
  { aggregation, normaliser }: { aggregation: Aggregation; normaliser: number },
  /** The node's ctx: its memo lets the losses of one gradient computation share the policy's
   * forward pass. */
  { fail, memo }: { fail: Fail<keyof typeof lossInputMessages>; memo: NodeContext['memo'] },
): LossInputs {
  const model = asLanguageModel(policy, 'policy', fail);
  checkMask(mask, rollouts, fail);
  const maskTensor = perTokenTensor(mask, rollouts);
  let logProbs: tf.Tensor | undefined;
  return {
    model,
    get logProbs() {
      return (logProbs ??= rolloutLogProbs(model, rollouts, memo));
    },
    mask: maskTensor,
    aggregate: (perToken) => aggregate(perToken, maskTensor, aggregation, normaliser || rollouts.maxNew),
  };
}
