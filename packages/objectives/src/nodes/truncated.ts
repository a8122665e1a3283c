// objectives.truncated: sequences that ran out of budget.
import { z } from 'zod';
import { defineNode, type Mask } from '@sous/core';
import { DAPO } from '@sous/core/references';

export const truncated = defineNode({
  name: 'truncated',
  kind: 'mask',
  doc:
    '1 on every position of a sequence that reached max_new tokens without a stop token, else 0. ' +
    "DAPO's overlong filtering (TRL's mask_truncated_completions) is `objectives.completion_mask(r) & !objectives.truncated(r)`.",
  references: [DAPO],
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Mask',
  run({ rollouts }): Mask {
    const { size, length } = rollouts;
    const mask = new Float32Array(size * length);
    for (let i = 0; i < size; i++) if (rollouts.truncated[i]) mask.fill(1, i * length, (i + 1) * length);
    return mask;
  },
});
