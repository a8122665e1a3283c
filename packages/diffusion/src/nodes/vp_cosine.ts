// diffusion.vp_cosine: the variance-preserving process with the cosine schedule (schedules/vp.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { vpCosine } from '../schedules/vp.js';
import { T_MIN } from './schedule-params.js';
import { IMPROVED_DDPM } from '@sous/core/references';

export const vpCosineNode = defineNode({
  name: 'vp_cosine',
  kind: 'schedule',
  doc: 'Variance-preserving process with the cosine schedule α(t) = cos(φ(t))/cos(φ(0)), φ = (t + s)/(1 + s)·π/2, t ∈ [t_min, t_max].',
  references: [IMPROVED_DDPM],
  params: z.object({
    offset: z.number().min(0).default(0.008).describe('s, which keeps β small near t = 0.'),
    t_min: T_MIN,
    t_max: z.number().positive().max(0.999).default(0.99).describe('Largest time (α reaches 0 at t = 1).'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { offset, t_min, t_max }) => vpCosine(offset, t_min, t_max),
});
