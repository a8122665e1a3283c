// Learning-rate schedules: a factor in [0, 1] that multiplies the optimizer's `lr` at each
// 0-based stage step s of a stage of `total` steps.
//   warmup  (s+1)/warmup while s < warmup, then 1            (no update is wasted at lr 0)
//   cosine  warmup, then min_ratio + (1−min_ratio)·½(1+cos(π·p))
//   linear  warmup, then 1 − (1−end_ratio)·p
// with decay progress p = (s − warmup)/(total − warmup) ∈ [0, 1): the last step keeps a non-zero
// rate, like Hugging Face's get_cosine_schedule_with_warmup after warm-up.
// The arguments are parsed with the language's own schemas (@sous/dsl's SCHEDULE_PARAMS), so the
// checker and the runtime accept the same ones and fill the same defaults.
import { SCHEDULE_PARAMS, type ScheduleSpec } from '@sous/dsl';
import { SousError } from '@sous/core';

export type Schedule = (step: number) => number;

export const SCHEDULE_NAMES = Object.keys(SCHEDULE_PARAMS) as (keyof typeof SCHEDULE_PARAMS)[];

export function createSchedule(spec: ScheduleSpec, total: number): Schedule {
  if (!Object.hasOwn(SCHEDULE_PARAMS, spec.name)) {
    throw new SousError(`unknown schedule "${spec.name}"`, { hint: `schedules: ${SCHEDULE_NAMES.join(', ')}` });
  }
  const name = spec.name as keyof typeof SCHEDULE_PARAMS;
  const parsed = SCHEDULE_PARAMS[name].safeParse(spec.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SousError(`schedule ${spec.name}: parameter ${issue.path.join('.') || '(all)'}: ${issue.message}`);
  }
  const params = parsed.data;
  // constant has no warm-up; the decaying schedules end at `floor` (their defaults come from the schema).
  const warmup = 'warmup' in params ? params.warmup : 0;
  const floor = 'min_ratio' in params ? params.min_ratio : 'end_ratio' in params ? params.end_ratio : 1;
  const decay = (step: number): number => Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return (step) => {
    if (step < warmup) return (step + 1) / warmup;
    switch (name) {
      case 'cosine':
        return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * decay(step)));
      case 'linear':
        return 1 - (1 - floor) * decay(step);
      default:
        return 1;
    }
  };
}
