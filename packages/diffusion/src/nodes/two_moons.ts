// diffusion.two_moons: two interleaved half circles (no closed-form score: sample-based metrics only).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { twoMoons as drawTwoMoons } from '../data/shapes.js';
import { DATA_MEMBERS, NOISE, splitParams } from './data-params.js';

export const twoMoons = defineNode({
  name: 'two_moons',
  kind: 'task',
  doc: "Two interleaved half circles (as scikit-learn's make_moons), centred and scaled to about [−2, 2] × [−1, 1]; label = moon. Members: train, test.",
  params: z.object({ noise: NOISE, ...splitParams }),
  inputs: {},
  output: 'Distribution',
  members: DATA_MEMBERS,
  run: (_inputs, { noise: std, ...sizes }) =>
    makeDistribution('two_moons', (count, rng) => drawTwoMoons(count, rng, std), sizes, { classes: 2 }),
});
