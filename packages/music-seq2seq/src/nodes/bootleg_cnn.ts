// music.bootleg_cnn: the trainable composer classifier over bootleg windows (bootleg/cnn.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { PBSCR } from '@sous/core/references';
import { BootlegCnn } from '../bootleg/cnn.js';
import { WINDOW_COLUMNS } from '../bootleg/rasterise.js';
import { BOOTLEG_ROWS } from '../bootleg/staff.js';

export const bootlegCnn = defineNode({
  name: 'bootleg_cnn',
  kind: 'model',
  doc:
    'A small CNN over binary images (62 × 64 bootleg windows by default): `filters` k_h × k_w convolutions with ' +
    'valid padding and ReLU, each summed over rows and averaged over columns (how often per onset event each local ' +
    'notehead pattern occurs), a ' +
    'ReLU layer of `hidden` units and `classes` logits. About 2,000 weights with the defaults.',
  references: [PBSCR],
  params: z.object({
    classes: z.number().int().min(2).max(1000).describe('Number of classes (composers).'),
    height: z.number().int().min(1).max(1024).default(BOOTLEG_ROWS).describe('Image rows.'),
    width: z.number().int().min(1).max(1024).default(WINDOW_COLUMNS).describe('Image columns.'),
    filters: z.number().int().min(1).max(256).default(32).describe('Convolution filters.'),
    kernel: z
      .tuple([z.number().int().min(1).max(64), z.number().int().min(1).max(64)])
      .default([9, 3])
      .describe('Kernel [rows, columns]: 9 rows see intervals up to an octave.'),
    hidden: z.number().int().min(1).max(1024).default(32).describe('Units of the hidden layer.'),
  }),
  inputs: {},
  output: 'Model',
  messages: {
    kernelTooLarge: 'the kernel {{kernel}} does not fit in {{height}} × {{width}} images',
  },
  run(_inputs, { classes, height, width, filters, kernel: [kernelHeight, kernelWidth], hidden }, ctx) {
    if (kernelHeight > height || kernelWidth > width)
      ctx.fail('kernelTooLarge', { kernel: `${kernelHeight} × ${kernelWidth}`, height, width });
    return new BootlegCnn({ height, width, classes, filters, kernelHeight, kernelWidth, hidden }, ctx.rng.fork('init'));
  },
});
