// objectives.advantage_sign: tokens whose advantage is positive (or negative).
import { z } from 'zod';
import { defineNode, tf, type Mask } from '@sous/core';
import { advantageMessages, advantageTensor } from '../lib/advantage-tensor.js';
import { NEGATIVE_REINFORCEMENT } from '@sous/core/references';

const params = z.object({
  sign: z.enum(['positive', 'negative']).default('positive').describe('Which advantages to keep.'),
});

export const advantage_sign = defineNode({
  name: 'advantage_sign',
  kind: 'mask',
  doc:
    '1 where the advantage is > 0 (sign: "positive") or < 0 ("negative"), on every position of a sequence ' +
    'for sequence-level advantages. Restricts a loss to positive or negative samples (PSR / NSR as masks).',
  references: [NEGATIVE_REINFORCEMENT],
  params,
  inputs: {
    adv: { type: 'Advantages' },
    rollouts: { type: 'Rollouts', doc: 'The rollouts the advantages belong to.' },
  },
  output: 'Mask',
  messages: advantageMessages,
  run({ adv, rollouts }, { sign }, ctx): Mask {
    return tf.tidy(() => {
      const values = advantageTensor(adv, rollouts, ctx.fail);
      return tf
        .cast(sign === 'positive' ? tf.greater(values, 0) : tf.less(values, 0), 'float32')
        .dataSync() as Float32Array;
    });
  },
});
