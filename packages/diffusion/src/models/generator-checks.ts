// The run-time checks the distillation nodes share, with the messages they raise.
import type { Fail } from '@sous/core';
import { describe } from '../points.js';
import { isOneStepGenerator, type OneStepGenerator } from './one-step-generator.js';

export const mlpMessages = {
  notMlp: {
    message: 'expected an MLP denoiser (diffusion.mlp_score), got {{got}}',
    hint: 'Distil from a teacher made by diffusion.mlp_score and trained in an earlier stage.',
  },
} as const;

export const generatorMessages = {
  notGenerator: {
    message: 'expected a one-step generator (diffusion.one_step_generator), got {{got}}',
    hint: 'Make one with diffusion.one_step_generator(teacher, schedule).',
  },
} as const;

export function asGenerator(value: unknown, fail: Fail<keyof typeof generatorMessages>): OneStepGenerator {
  if (!isOneStepGenerator(value)) fail('notGenerator', { got: describe(value) });
  return value as OneStepGenerator;
}
