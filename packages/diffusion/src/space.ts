// Data ↔ process space: a gbm schedule diffuses log x (Shetty et al. 2025), every other schedule x itself.
import { SousError } from '@sous/core';
import type { NoiseSchedule } from './schedules/schedule.js';

export function toProcessSpace(values: Float32Array, schedule: NoiseSchedule, where: string): Float32Array {
  if (schedule.space === 'data') return values;
  return values.map((value) => {
    if (!(value > 0)) throw new SousError(`${where}: the ${schedule.name} process runs on log x and needs positive data, but a coordinate is ${value}`, { hint: 'Use positive data (e.g. diffusion.lognormal_mixture) or an additive schedule (vp, ve, edm).' });
    return Math.log(value);
  });
}

export function fromProcessSpace(values: Float32Array, schedule: NoiseSchedule): Float32Array {
  return schedule.space === 'data' ? values : values.map(Math.exp);
}
