// objectives.entropy: the policy's mean predictive entropy, for an entropy bonus.
import { z } from 'zod';
import { defineNode, type tf } from '@sous/core';
import { aggregationParams } from '../lib/loss-params.js';
import { lossInputMessages, lossInputs } from '../lib/loss-inputs.js';
import { rolloutEntropies } from '../lib/rollout-scores.js';

export const entropy = defineNode({
  name: 'entropy',
  kind: 'loss',
  doc:
    'Aggregated predictive entropy H_t = −Σ_v π_θ(v) log π_θ(v) of the positions in the mask (≥ 0). ' +
    'It is a quantity to maximise: subtract it for an entropy bonus, `loss = pg - 0.001 * objectives.entropy(policy, r, mask)`.',
  params: z.object(aggregationParams('token_mean')),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    rollouts: { type: 'Rollouts' },
    mask: { type: 'Mask', doc: 'The tokens that count, e.g. objectives.completion_mask(rollouts).' },
  },
  output: 'Loss',
  messages: lossInputMessages,
  run({ policy, rollouts, mask }, p, ctx): tf.Scalar {
    const inputs = lossInputs(policy, rollouts, mask, p, ctx);
    return inputs.aggregate(rolloutEntropies(inputs.model, rollouts));
  },
});
