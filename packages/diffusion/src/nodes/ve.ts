// diffusion.ve: the variance-exploding process with a geometric σ(t) (schedules/ve.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { ve as veSchedule } from '../schedules/ve.js';
import { SCORE_SDE } from '@sous/core/references';

export const veNode = defineNode({
  name: 've',
  kind: 'schedule',
  doc: 'Variance-exploding process: α = 1, σ(t) = σ_min(σ_max/σ_min)^t on t ∈ [0, 1]; training draws t uniformly (log-uniform σ).',
  references: [SCORE_SDE],
  params: z.object({
    sigma_min: z.number().positive().default(0.01).describe('σ at t = 0.'),
    sigma_max: z.number().positive().default(10).describe("σ at t = 1 (well above the data's spread)."),
  }),
  inputs: {},
  output: 'Schedule',
  run: (_inputs, { sigma_min, sigma_max }) => veSchedule(sigma_min, sigma_max),
});
