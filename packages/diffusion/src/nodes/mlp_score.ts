// diffusion.mlp_score: the trainable denoiser network.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { MlpDenoiser } from '../models/mlp.js';
import { PARAMETRIZATIONS } from '../models/parametrization.js';
import { EDM } from '@sous/core/references';

export const mlpScore = defineNode({
  name: 'mlp_score',
  kind: 'model',
  doc:
    'An MLP score/denoiser network: input [c_in·(x − b), c_noise, sin/cos(2^k·c_noise), one-hot class] with ' +
    "c_in = 1/√(α²σ_d² + σ²) and c_noise = ¼ ln(σ/α) (EDM's scalings, used for every schedule: our design " +
    'choice), `layers` SiLU layers of width `hidden`, and `dim` outputs read as ε, x_0, v, the score, or ' +
    "EDM's preconditioned F (`parametrization`). With `classes` > 0 it also takes a class (plus a null class " +
    'for classifier-free guidance).',
  references: [EDM],
  params: z.object({
    dim: z.number().int().min(1).max(1024).default(2).describe('Dimension of the data.'),
    hidden: z.number().int().min(1).max(4096).default(128).describe('Width of each hidden layer.'),
    layers: z.number().int().min(1).max(16).default(3).describe('Number of hidden layers.'),
    frequencies: z.number().int().min(0).max(32).default(8).describe('Sin/cos pairs of the noise-level embedding.'),
    classes: z.number().int().min(0).max(1000).default(0).describe('Classes to condition on (0: unconditional).'),
    parametrization: z
      .enum(PARAMETRIZATIONS)
      .default('eps')
      .describe('What the output predicts: "eps", "x0", "v", "score" or "edm".'),
    sigma_data: z
      .number()
      .positive()
      .default(1)
      .describe("σ_d, the data's standard deviation (input scaling, EDM preconditioning)."),
  }),
  inputs: {},
  output: 'Model',
  run: (_inputs, { dim, hidden, layers, frequencies, classes, parametrization, sigma_data }, ctx) =>
    new MlpDenoiser(
      { dim, hidden, layers, frequencies, classes, parametrization, sigmaData: sigma_data },
      ctx.rng.fork('init'),
    ),
});
