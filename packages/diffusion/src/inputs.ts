// Checks of the values that arrive on `Any` ports (distributions and schedules), so a wrong
// connection is a one-line error naming the node rather than a crash inside it.
import { SousError } from '@sous/core';
import type { Distribution } from './data/distribution.js';
import type { GaussianMixture } from './data/gaussian-mixture.js';
import type { NoiseSchedule } from './schedules/schedule.js';
import { describe } from './points.js';

export function asDistribution(value: unknown, where: string): Distribution {
  if ((value as Distribution | null)?.kind !== 'distribution') {
    throw new SousError(`${where}: expected a distribution from a diffusion data node (e.g. diffusion.gaussian_mixture), got ${describe(value)}`);
  }
  return value as Distribution;
}

export function asSchedule(value: unknown, where: string): NoiseSchedule {
  if ((value as NoiseSchedule | null)?.kind !== 'schedule') {
    throw new SousError(`${where}: expected a noise schedule (diffusion.vp, vp_cosine, ve, edm or gbm), got ${describe(value)}`);
  }
  return value as NoiseSchedule;
}

/** The distribution's exact mixture, for metrics that need one. */
export function mixtureOf(data: Distribution, where: string): GaussianMixture {
  if (!data.mixture || data.space !== 'data') {
    throw new SousError(`${where}: ${data.name} has no closed-form Gaussian mixture in data space`, { hint: 'Use diffusion.gaussian_mixture or diffusion.product data.' });
  }
  return data.mixture;
}
