// objectives.completion_mask: the tokens a policy-gradient loss trains on.
import { z } from 'zod';
import { defineNode, type Mask } from '@sous/core';

export const completion_mask = defineNode({
  name: 'completion_mask',
  kind: 'mask',
  doc: '1 on completion tokens (sampled or demonstrated, the stop token included), 0 on prompt and padding.',
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Mask',
  run({ rollouts }): Mask {
    return rollouts.completionMask.slice();
  },
});
