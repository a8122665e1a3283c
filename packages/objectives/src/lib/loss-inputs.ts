// What every policy-gradient loss starts from: the policy's log-probs of the rollouts' tokens and
// the mask as tensors. Runs inside the gradient scope.
import type { tf, LanguageModel, Mask, NodeContext, Rollouts } from '@sous/core';
import { asLanguageModel } from '../language-model.js';
import { aggregate, type Aggregation } from './aggregate.js';
import { checkMask } from './checks.js';
import { perTokenTensor, rolloutLogProbs } from './rollout-scores.js';

export interface LossInputs {
  model: LanguageModel;
  /** log π_θ of each token, [N, L] (one forward pass, on first use). */
  readonly logProbs: tf.Tensor;
  mask: tf.Tensor;
  /** Aggregates per-token losses with the node's aggregation parameters. */
  aggregate(perToken: tf.Tensor): tf.Scalar;
}

export function lossInputs(
  node: string,
  policy: unknown,
  rollouts: Rollouts,
  mask: Mask,
  { aggregation, normaliser }: { aggregation: Aggregation; normaliser: number },
  /** The node's ctx.memo: losses of one gradient computation share the policy's forward pass. */
  memo: NodeContext['memo'],
): LossInputs {
  const model = asLanguageModel(policy, node);
  checkMask(mask, rollouts, node);
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
