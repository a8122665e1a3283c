// Data ↔ process space: a gbm schedule diffuses log x (Shetty et al. 2025), every other schedule x itself.
import type { Fail } from '@sous/core';
import type { NoiseSchedule } from './schedules/schedule.js';

export const logSpaceMessages = {
  notPositive: {
    message: 'the {{schedule}} process runs on log x and needs positive data, but a coordinate is {{value}}',
    hint: 'Use positive data (e.g. diffusion.lognormal_mixture) or an additive schedule (vp, ve, edm).',
  },
} as const;

/** The data in the schedule's space; a log-space process fails (a message of the calling node,
 * which spreads `logSpaceMessages` into its own) on data that is not positive. */
export function toProcessSpace(
  values: Float32Array,
  schedule: NoiseSchedule,
  fail: Fail<keyof typeof logSpaceMessages>,
): Float32Array {
  if (schedule.space === 'data') return values;
  return values.map((value) => (value > 0 ? Math.log(value) : fail('notPositive', { schedule: schedule.name, value })));
}

export function fromProcessSpace(values: Float32Array, schedule: NoiseSchedule): Float32Array {
  return schedule.space === 'data' ? values : values.map(Math.exp);
}
