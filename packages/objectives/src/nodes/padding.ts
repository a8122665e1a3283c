// objectives.padding: real tokens versus padding.
import { z } from 'zod';
import { defineNode, type Mask } from '@sous/core';

export const padding = defineNode({
  name: 'padding',
  kind: 'mask',
  doc:
    "1 on every real token (prompt and completion), 0 on the padding after a sequence's end. " +
    'Combine with the completion mask or its negation, e.g. `objectives.padding(r) & !objectives.completion_mask(r)` for the prompt.',
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts' } },
  output: 'Mask',
  run({ rollouts }): Mask {
    const { size, length, promptLength, completionLength } = rollouts;
    const mask = new Float32Array(size * length);
    for (let i = 0; i < size; i++) mask.fill(1, i * length, i * length + promptLength[i] + completionLength[i]);
    return mask;
  },
});
