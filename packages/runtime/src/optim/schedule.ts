// Learning-rate schedules: a factor in [0, 1] that multiplies the optimizer's `lr` at each
// 0-based stage step s of a stage of `total` steps.
//   warmup  (s+1)/warmup while s < warmup, then 1            (no update is wasted at lr 0)
//   cosine  warmup, then min_ratio + (1−min_ratio)·½(1+cos(π·p))
//   linear  warmup, then 1 − (1−end_ratio)·p
// with decay progress p = (s − warmup)/(total − warmup) ∈ [0, 1): the last step keeps a non-zero
// rate, like Hugging Face's get_cosine_schedule_with_warmup after warm-up.
import { z } from 'zod';
import { SousError } from '@sous/core';
import type { ScheduleSpec } from '@sous/dsl';

export type Schedule = (step: number) => number;

const warmupSteps = z.number().int().min(0).default(0);
const ratio = z.number().min(0).max(1).default(0);
const schemas = {
  constant: z.object({}),
  warmup: z.object({ warmup: warmupSteps }),
  cosine: z.object({ warmup: warmupSteps, min_ratio: ratio }),
  linear: z.object({ warmup: warmupSteps, end_ratio: ratio }),
};

export const SCHEDULE_NAMES = Object.keys(schemas) as (keyof typeof schemas)[];

export function createSchedule(spec: ScheduleSpec, total: number): Schedule {
  const name = spec.name as keyof typeof schemas;
  if (!(name in schemas)) {
    throw new SousError(`unknown schedule "${spec.name}"`, { hint: `schedules: ${SCHEDULE_NAMES.join(', ')}` });
  }
  const parsed = schemas[name].safeParse(spec.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SousError(`schedule ${spec.name}: parameter ${issue.path.join('.') || '(all)'}: ${issue.message}`);
  }
  const params = parsed.data as { warmup?: number; min_ratio?: number; end_ratio?: number };
  const warmup = params.warmup ?? 0;
  const decay = (step: number): number => Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return (step) => {
    if (step < warmup) return (step + 1) / warmup;
    switch (name) {
      case 'cosine': {
        const floor = params.min_ratio ?? 0;
        return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * decay(step)));
      }
      case 'linear':
        return 1 - (1 - (params.end_ratio ?? 0)) * decay(step);
      default:
        return 1;
    }
  };
}
