// diffusion.swiss_roll: a 2-D swiss roll (no closed-form score: sample-based metrics only).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { swissRoll as drawSwissRoll } from '../data/shapes.js';
import { DATA_MEMBERS, NOISE, splitParams } from './data-params.js';

export const swissRoll = defineNode({
  name: 'swiss_roll',
  kind: 'task',
  doc: 'A 2-D swiss roll (radius 0.2·θ at angle θ ∈ [1.5π, 4.5π]); label = half-turn parity. Members: train, test.',
  params: z.object({ noise: NOISE, ...splitParams }),
  inputs: {},
  output: 'Distribution',
  members: DATA_MEMBERS,
  run: (_inputs, { noise: std, ...sizes }) =>
    makeDistribution('swiss_roll', (count, rng) => drawSwissRoll(count, rng, std), sizes, { classes: 2 }),
});
