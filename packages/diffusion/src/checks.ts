// What the port types cannot say, checked at run time: dimensions that must agree, a model that is
// a denoiser, a distribution with a closed form (and, in space.ts, positive data for a log-space
// process). Each check raises a message of the calling node, which spreads the matching messages
// into its own, so the executor names the node and tests assert the message id.
import type { Fail, Trainable } from '@sous/core';
import type { Distribution } from './data/distribution.js';
import type { GaussianMixture } from './data/gaussian-mixture.js';
import { isDenoiser, type Denoiser } from './models/denoiser.js';
import { describe, type Points } from './points.js';

export const denoiserMessages = {
  notDenoiser: 'expected a score model (diffusion.mlp_score or diffusion.exact_score), got {{got}}',
  modelDim: {
    message: 'the model is {{got}}-dimensional but the data is {{want}}-dimensional',
    hint: "Set the model's dim to the data's.",
  },
} as const;

export const pointsMessages = {
  pointsDim: 'the points are {{got}}-dimensional but {{want}} dimensions are expected',
} as const;

export const mixtureMessages = {
  noMixture: {
    message: '{{name}} has no closed-form Gaussian mixture in data space',
    hint: 'Use diffusion.gaussian_mixture or diffusion.product data.',
  },
} as const;

/** The model as a denoiser (a Model port takes any model), of dimension `dim` when given. */
export function asDenoiser(model: Trainable, fail: Fail<keyof typeof denoiserMessages>, dim?: number): Denoiser {
  if (!isDenoiser(model)) fail('notDenoiser', { got: describe(model) });
  if (dim !== undefined && model.dim !== dim) fail('modelDim', { got: model.dim, want: dim });
  return model;
}

export function checkDim(points: Points, dim: number, fail: Fail<keyof typeof pointsMessages>): Points {
  if (points.dim !== dim) fail('pointsDim', { got: points.dim, want: dim });
  return points;
}

/** The distribution's exact mixture, for metrics that need one. */
export function mixtureOf(data: Distribution, fail: Fail<keyof typeof mixtureMessages>): GaussianMixture {
  if (!data.mixture || data.space !== 'data') fail('noMixture', { name: data.name });
  return data.mixture!;
}
