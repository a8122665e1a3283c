// diffusion.vp, vp_cosine, ve, edm, gbm: the forward processes (schedules/).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { vpCosine, vpLinear } from '../schedules/vp.js';
import { edm as edmSchedule, gbm as gbmSchedule, ve as veSchedule } from '../schedules/ve.js';

const tMin = z.number().positive().max(0.5).default(1e-3).describe('Smallest time (training and the end of sampling).');

export const vp = defineNode({
  name: 'vp',
  kind: 'schedule',
  doc: 'Variance-preserving process with linear β(t) = β_min + t(β_max − β_min), t ∈ [t_min, 1]: α = exp(−½∫β), σ² = 1 − α². Training draws t uniformly.',
  params: z.object({
    beta_min: z.number().positive().default(0.1).describe('β at t = 0.'),
    beta_max: z.number().positive().default(20).describe('β at t = 1.'),
    t_min: tMin,
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { beta_min, beta_max, t_min }) => vpLinear(beta_min, beta_max, t_min),
});

export const vpCosineNode = defineNode({
  name: 'vp_cosine',
  kind: 'schedule',
  doc: 'Variance-preserving process with the cosine schedule α(t) = cos(φ(t))/cos(φ(0)), φ = (t + s)/(1 + s)·π/2, t ∈ [t_min, t_max].',
  params: z.object({
    offset: z.number().min(0).default(0.008).describe('s, which keeps β small near t = 0.'),
    t_min: tMin,
    t_max: z.number().positive().max(0.999).default(0.99).describe('Largest time (α reaches 0 at t = 1).'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { offset, t_min, t_max }) => vpCosine(offset, t_min, t_max),
});

export const veNode = defineNode({
  name: 've',
  kind: 'schedule',
  doc: 'Variance-exploding process: α = 1, σ(t) = σ_min(σ_max/σ_min)^t on t ∈ [0, 1]; training draws t uniformly (log-uniform σ).',
  params: z.object({
    sigma_min: z.number().positive().default(0.01).describe('σ at t = 0.'),
    sigma_max: z.number().positive().default(10).describe('σ at t = 1 (well above the data\'s spread).'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { sigma_min, sigma_max }) => veSchedule(sigma_min, sigma_max),
});

export const edmNode = defineNode({
  name: 'edm',
  kind: 'schedule',
  doc:
    'EDM noise levels (Karras et al.; paper 17): time is σ ∈ [σ_min, σ_max], α = 1; training draws ln σ ~ N(p_mean, p_std²); ' +
    'sampling uses σ_i = (σ_max^{1/ρ} + i/N(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ.',
  params: z.object({
    sigma_min: z.number().positive().default(0.002).describe('Smallest noise level.'),
    sigma_max: z.number().positive().default(80).describe('Largest noise level.'),
    rho: z.number().positive().default(7).describe('ρ of the sampling grid.'),
    p_mean: z.number().default(-1.2).describe('Mean of ln σ in training.'),
    p_std: z.number().positive().default(1.2).describe('Standard deviation of ln σ in training.'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { sigma_min, sigma_max, rho, p_mean, p_std }) => edmSchedule({ sigmaMin: sigma_min, sigmaMax: sigma_max, rho, pMean: p_mean, pStd: p_std }),
});

export const gbmNode = defineNode({
  name: 'gbm',
  kind: 'schedule',
  doc:
    'Paper 60\'s multiplicative process, geometric Brownian motion dx = μx dt + σx dW element-wise on positive data. ' +
    'In y = log x it is dy = (μ − σ²/2)dt + σ dW, so losses and samplers run on log x (α = 1, b(t) = (μ − σ²/2)t, ' +
    'σ(t) = σ√t) and samples are exp(y): DSM on log x is the multiplicative DSM with the Hyvärinen score ' +
    'h = x∘∇_x log p = ∇_y log p − 1, and Euler–Maruyama on y is the sign-preserving Dale–Langevin update ' +
    'x ← x∘exp((−(μ − σ²/2) + σ²(h + 1))Δ + σ√Δ z). (Reconstructed from the abstract: constants may differ from the paper.)',
  params: z.object({
    mu: z.number().default(0).describe('Drift μ of the GBM.'),
    sigma: z.number().positive().default(1).describe('Volatility σ of the GBM.'),
    t_min: tMin,
    t_max: z.number().positive().default(4).describe('Largest time: σ√t_max should exceed the spread of log x.'),
  }),
  inputs: {},
  output: 'Any',
  run: (_inputs, { mu, sigma, t_min, t_max }) => gbmSchedule(mu, sigma, t_min, t_max),
});
