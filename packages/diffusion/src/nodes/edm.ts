// diffusion.edm: EDM's σ-as-time noise levels (schedules/ve.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { edm as edmSchedule } from '../schedules/ve.js';
import { EDM } from '@sous/core/references';

export const edmNode = defineNode({
  name: 'edm',
  kind: 'schedule',
  doc:
    'EDM noise levels (Karras et al. 2022): time is σ ∈ [σ_min, σ_max], α = 1; training draws ln σ ~ N(p_mean, p_std²); ' +
    'sampling uses σ_i = (σ_max^{1/ρ} + i/N(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ.',
  references: [EDM],
  params: z.object({
    sigma_min: z.number().positive().default(0.002).describe('Smallest noise level.'),
    sigma_max: z.number().positive().default(80).describe('Largest noise level.'),
    rho: z.number().positive().default(7).describe('ρ of the sampling grid.'),
    p_mean: z.number().default(-1.2).describe('Mean of ln σ in training.'),
    p_std: z.number().positive().default(1.2).describe('Standard deviation of ln σ in training.'),
  }),
  inputs: {},
  output: 'Schedule',
  run: (_inputs, { sigma_min, sigma_max, rho, p_mean, p_std }) =>
    edmSchedule({ sigmaMin: sigma_min, sigmaMax: sigma_max, rho, pMean: p_mean, pStd: p_std }),
});
