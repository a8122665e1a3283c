// diffusion.two_moons, diffusion.swiss_roll, diffusion.checkerboard: 2-D shapes without a
// closed-form score (sample-based metrics only).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { checkerboard as drawCheckerboard, swissRoll as drawSwissRoll, twoMoons as drawTwoMoons } from '../data/shapes.js';
import { DATA_MEMBERS, splitParams } from './data-params.js';

const noise = z.number().min(0).default(0.05).describe('Standard deviation of the Gaussian noise added to each coordinate.');

export const twoMoons = defineNode({
  name: 'two_moons',
  kind: 'task',
  doc: 'Two interleaved half circles (as scikit-learn\'s make_moons), centred and scaled to about [−2, 2] × [−1, 1]; label = moon. Members: train, test.',
  params: z.object({ noise, ...splitParams }),
  inputs: {},
  output: 'Any',
  members: DATA_MEMBERS,
  run: (_inputs, { noise: std, ...sizes }) => makeDistribution('two_moons', (count, rng) => drawTwoMoons(count, rng, std), sizes, { classes: 2 }),
});

export const swissRoll = defineNode({
  name: 'swiss_roll',
  kind: 'task',
  doc: 'A 2-D swiss roll (radius 0.2·θ at angle θ ∈ [1.5π, 4.5π]); label = half-turn parity. Members: train, test.',
  params: z.object({ noise, ...splitParams }),
  inputs: {},
  output: 'Any',
  members: DATA_MEMBERS,
  run: (_inputs, { noise: std, ...sizes }) => makeDistribution('swiss_roll', (count, rng) => drawSwissRoll(count, rng, std), sizes, { classes: 2 }),
});

export const checkerboard = defineNode({
  name: 'checkerboard',
  kind: 'task',
  doc: 'Uniform on the dark squares of a 4 × 4 checkerboard over [−size, size]²; label = left or right half. Members: train, test.',
  params: z.object({ size: z.number().positive().default(2).describe('Half the board\'s side.'), ...splitParams }),
  inputs: {},
  output: 'Any',
  members: DATA_MEMBERS,
  run: (_inputs, { size, ...sizes }) => makeDistribution('checkerboard', (count, rng) => drawCheckerboard(count, rng, size), sizes, { classes: 2 }),
});
