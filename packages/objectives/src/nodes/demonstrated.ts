// objectives.demonstrated: tokens copied from a demonstration by samplers.prefix.
import { z } from 'zod';
import { defineNode, type Mask } from '@sous/core';
import { PREFIX_RFT } from '@sous/core/references';

export const demonstrated = defineNode({
  name: 'demonstrated',
  kind: 'mask',
  doc:
    "1 on completion tokens copied from a demonstration prefix (samplers.prefix), else 0. Prefix-RFT's " +
    'mask keeps every generated token and only high-entropy demonstrated ones: ' +
    '`(objectives.completion_mask(r) & !objectives.demonstrated(r)) | objectives.top_entropy(policy, r, objectives.demonstrated(r), quantile: 0.2)`.',
  references: [PREFIX_RFT],
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Mask',
  run({ rollouts }): Mask {
    return rollouts.demonstrated.slice();
  },
});
