// diffusion.gbm: the multiplicative process (geometric Brownian motion on log x, schedules/ve.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { gbm as gbmSchedule } from '../schedules/ve.js';
import { T_MIN } from './schedule-params.js';
import { DALE_MEETS_LANGEVIN } from '@sous/core/references';

export const gbmNode = defineNode({
  name: 'gbm',
  kind: 'schedule',
  doc:
    'The multiplicative process of "Dale meets Langevin", geometric Brownian motion dx = μx dt + σx dW element-wise on positive data. ' +
    'In y = log x it is dy = (μ − σ²/2)dt + σ dW, so losses and samplers run on log x (α = 1, b(t) = (μ − σ²/2)t, ' +
    'σ(t) = σ√t) and samples are exp(y): DSM on log x is the multiplicative DSM with the Hyvärinen score ' +
    'h = x∘∇_x log p = ∇_y log p − 1, and Euler–Maruyama on y is the sign-preserving Dale–Langevin update ' +
    'x ← x∘exp((−(μ − σ²/2) + σ²(h + 1))Δ + σ√Δ z). (Reconstructed from the abstract: constants may differ from the paper.)',
  references: [DALE_MEETS_LANGEVIN],
  params: z.object({
    mu: z.number().default(0).describe('Drift μ of the GBM.'),
    sigma: z.number().positive().default(1).describe('Volatility σ of the GBM.'),
    t_min: T_MIN,
    t_max: z.number().positive().default(4).describe('Largest time: σ√t_max should exceed the spread of log x.'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { mu, sigma, t_min, t_max }) => gbmSchedule(mu, sigma, t_min, t_max),
});
