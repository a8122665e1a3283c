// diffusion.vp: the variance-preserving process with a linear β(t) (schedules/vp.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { vpLinear } from '../schedules/vp.js';
import { T_MIN } from './schedule-params.js';
import { SCORE_SDE } from '@sous/core/references';

export const vp = defineNode({
  name: 'vp',
  kind: 'schedule',
  doc: 'Variance-preserving process with linear β(t) = β_min + t(β_max − β_min), t ∈ [t_min, 1]: α = exp(−½∫β), σ² = 1 − α². Training draws t uniformly.',
  references: [SCORE_SDE],
  params: z.object({
    beta_min: z.number().positive().default(0.1).describe('β at t = 0.'),
    beta_max: z.number().positive().default(20).describe('β at t = 1.'),
    t_min: T_MIN,
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { beta_min, beta_max, t_min }) => vpLinear(beta_min, beta_max, t_min),
});
