// diffusion.batch: a fresh random batch of points from a split at every step.
import { z } from 'zod';
import { SousError, defineNode } from '@sous/core';
import { asPoints, pickRows, type Points } from '../points.js';

export const batch = defineNode({
  name: 'batch',
  kind: 'sampler',
  doc: 'Draws `size` rows (with their labels) uniformly with replacement from a point set, fresh at every step (seeded by recipe seed, node and step).',
  params: z.object({ size: z.number().int().min(1).max(1_000_000).default(256).describe('Rows per batch.') }),
  inputs: { data: { type: 'Samples', doc: 'Points to draw from, e.g. data.train.' } },
  output: 'Samples',
  run({ data }, { size }, ctx): Points {
    const points = asPoints(data, 'diffusion.batch');
    if (points.count === 0) throw new SousError('diffusion.batch: the point set is empty');
    return pickRows(points, Int32Array.from({ length: size }, () => ctx.rng.int(points.count)));
  },
});
