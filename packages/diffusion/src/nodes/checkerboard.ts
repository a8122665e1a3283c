// diffusion.checkerboard: uniform on a checkerboard's dark squares (no closed-form score).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { checkerboard as drawCheckerboard } from '../data/shapes.js';
import { DATA_MEMBERS, splitParams } from './data-params.js';

export const checkerboard = defineNode({
  name: 'checkerboard',
  kind: 'task',
  doc: 'Uniform on the dark squares of a 4 × 4 checkerboard over [−size, size]²; label = left or right half. Members: train, test.',
  params: z.object({ size: z.number().positive().default(2).describe("Half the board's side."), ...splitParams }),
  inputs: {},
  output: 'Distribution',
  members: DATA_MEMBERS,
  run: (_inputs, { size, ...sizes }) =>
    makeDistribution('checkerboard', (count, rng) => drawCheckerboard(count, rng, size), sizes, { classes: 2 }),
});
