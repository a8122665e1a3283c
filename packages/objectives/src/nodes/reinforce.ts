// objectives.reinforce: the plain policy gradient −A·log π.
import { z } from 'zod';
import { defineNode, type tf } from '@sous/core';
import { advantageMessages, advantageTensor } from '../lib/advantage-tensor.js';
import { aggregationParams } from '../lib/loss-params.js';
import { lossInputMessages, lossInputs } from '../lib/loss-inputs.js';
import { policyGradientSurrogate } from '../lib/surrogate.js';
import { REINFORCE } from '@sous/core/references';

export const reinforce = defineNode({
  name: 'reinforce',
  kind: 'loss',
  doc:
    'REINFORCE loss ℓ_t = −A·log π_θ(token_t), no ratio and no clipping; its gradient is −A·∇log π. ' +
    'The default aggregation, seq_mean_token_sum, is the textbook −mean_i A_i·log π(sequence_i). ' +
    'With objectives.sign_weight it is PSR, NSR and W-REINFORCE.',
  references: [REINFORCE],
  params: z.object(aggregationParams('seq_mean_token_sum')),
  inputs: {
    policy: { type: 'Model', doc: 'The language model being trained.' },
    rollouts: { type: 'Rollouts' },
    adv: { type: 'Advantages' },
    mask: { type: 'Mask', doc: 'The tokens that count, e.g. objectives.completion_mask(rollouts).' },
  },
  output: 'Loss',
  messages: { ...lossInputMessages, ...advantageMessages },
  run({ policy, rollouts, adv, mask }, p, ctx): tf.Scalar {
    const inputs = lossInputs(policy, rollouts, mask, p, ctx);
    return inputs.aggregate(policyGradientSurrogate(inputs.logProbs, advantageTensor(adv, rollouts, ctx.fail)));
  },
});
