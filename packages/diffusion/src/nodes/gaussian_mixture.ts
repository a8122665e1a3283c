// diffusion.gaussian_mixture: the workhorse toy with exact density and score.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { GaussianMixture } from '../data/gaussian-mixture.js';
import { mixtureComponents } from '../data/layouts.js';
import { DATA_MEMBERS, splitParams } from './data-params.js';

export const gaussianMixture = defineNode({
  name: 'gaussian_mixture',
  kind: 'task',
  doc:
    'A Gaussian mixture with equal weights: `components` modes on a ring of `radius` (layout "ring"), on a ' +
    'square grid spanning [−radius, radius]² ("grid"; components must be a square), or on a ring and stretched ' +
    'along it (variance 9·std² along the tangent, "anisotropic"). Extra dimensions (dim > 2) are N(0, std²). ' +
    'Component k has class k mod `classes` (default: one class per component). Exact density, score and class ' +
    'posterior are known, so metrics and diffusion.exact_score use them. Members: train, test.',
  params: z
    .object({
      layout: z.enum(['ring', 'grid', 'anisotropic']).default('ring').describe('Where the modes sit.'),
      components: z.number().int().min(1).max(100).default(8).describe('Number of modes.'),
      dim: z.number().int().min(2).max(64).default(2).describe('Dimension of the points.'),
      radius: z.number().positive().default(4).describe("Ring radius, or half the grid's side."),
      std: z
        .number()
        .positive()
        .default(0.2)
        .describe('Standard deviation of each mode (across the ring for "anisotropic").'),
      classes: z.number().int().min(0).max(100).default(0).describe('Number of class labels (0: one per component).'),
      ...splitParams,
    })
    .refine((p) => p.layout !== 'grid' || Number.isInteger(Math.sqrt(p.components)), {
      message: 'a grid layout needs a square number of components (4, 9, 16, ...)',
      path: ['components'],
    }),
  inputs: {},
  output: 'Distribution',
  members: DATA_MEMBERS,
  run(_inputs, { layout, components, dim, radius, std, classes, ...sizes }) {
    const mixture = new GaussianMixture(
      dim,
      mixtureComponents({ layout, components, dim, radius, std, classes: classes || components }),
    );
    return makeDistribution(
      `gaussian_mixture(${layout}, ${components})`,
      (count, rng) => mixture.sample(count, rng),
      sizes,
      { mixture },
    );
  },
});
