// music.image_batch: a fresh random batch of labelled images at every step.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import type { Images } from '../style-port-types.js';

export const imageBatch = defineNode({
  name: 'image_batch',
  kind: 'sampler',
  doc: 'Draws `size` images (with their labels) uniformly with replacement, fresh at every step (seeded by recipe seed, node and step).',
  params: z.object({ size: z.number().int().min(1).max(100_000).default(64).describe('Images per batch.') }),
  inputs: { images: { type: 'Images', doc: 'Images to draw from, e.g. music.bootleg(corpus.train).' } },
  output: 'Images',
  messages: { emptySet: 'the image set is empty' },
  run({ images }, { size }, ctx): Images {
    if (images.count === 0) ctx.fail('emptySet');
    const area = images.height * images.width;
    const pixels = new Float32Array(size * area);
    const labels = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const pick = ctx.rng.int(images.count);
      pixels.set(images.pixels.subarray(pick * area, (pick + 1) * area), i * area);
      labels[i] = images.labels[pick];
    }
    return { ...images, count: size, pixels, labels };
  },
});
