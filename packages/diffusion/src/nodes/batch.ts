// diffusion.batch: a fresh random batch of points from a split at every step.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { pickRows, type Points } from '../points.js';

export const batch = defineNode({
  name: 'batch',
  kind: 'sampler',
  doc: 'Draws `size` rows (with their labels) uniformly with replacement from a point set, fresh at every step (seeded by recipe seed, node and step).',
  params: z.object({ size: z.number().int().min(1).max(1_000_000).default(256).describe('Rows per batch.') }),
  inputs: { data: { type: 'Points', doc: 'Points to draw from, e.g. data.train.' } },
  output: 'Points',
  messages: { emptySet: 'the point set is empty' },
  run({ data }, { size }, ctx): Points {
    if (data.count === 0) ctx.fail('emptySet');
    return pickRows(
      data,
      Int32Array.from({ length: size }, () => ctx.rng.int(data.count)),
    );
  },
});
