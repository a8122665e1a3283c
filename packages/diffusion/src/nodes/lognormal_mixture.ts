// diffusion.lognormal_mixture: positive data for multiplicative diffusion (log x is a Gaussian mixture).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { GaussianMixture } from '../data/gaussian-mixture.js';
import { mixtureComponents } from '../data/layouts.js';
import { makePoints } from '../points.js';
import { DATA_MEMBERS, splitParams } from './data-params.js';

export const lognormalMixture = defineNode({
  name: 'lognormal_mixture',
  kind: 'task',
  doc:
    'Positive data x = exp(y) with y a Gaussian mixture: `components` modes on a ring of radius `spread` ' +
    'around (center, center, ...) in log space, each with standard deviation `std`. Every coordinate is > 0; ' +
    'the exact law of log x is kept for the gbm process and exact scores. Members: train, test.',
  params: z.object({
    components: z.number().int().min(1).max(100).default(3).describe('Number of log-normal modes.'),
    dim: z.number().int().min(2).max(64).default(2).describe('Dimension of the points.'),
    center: z.number().default(0).describe('Centre of the modes in log space.'),
    spread: z.number().min(0).default(1).describe('Radius of the ring of modes in log space.'),
    std: z.number().positive().default(0.4).describe('Standard deviation of each mode in log space.'),
    ...splitParams,
  }),
  inputs: {},
  output: 'Distribution',
  members: DATA_MEMBERS,
  run(_inputs, { components, dim, center, spread, std, ...sizes }) {
    const parts = mixtureComponents({ layout: 'ring', components, dim, radius: spread, std, classes: components });
    const logMixture = new GaussianMixture(
      dim,
      parts.map((c) => ({ ...c, mean: c.mean.map((v) => v + center) })),
    );
    return makeDistribution(
      `lognormal_mixture(${components})`,
      (count, rng) => {
        const logs = logMixture.sample(count, rng);
        return makePoints(logs.values.map(Math.exp), dim, logs.labels);
      },
      sizes,
      { mixture: logMixture, space: 'log' },
    );
  },
});
