// diffusion.one_step_generator: G(z, c) = D_θ(b + σ z, t, c), initialised from a teacher denoiser.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { MlpDenoiser } from '../models/mlp.js';
import { SCORE_FORGETTING_DISTILLATION, SCORE_IDENTITY_DISTILLATION } from '@sous/core/references';
import { OneStepGenerator, copyDenoiser } from '../models/one-step-generator.js';
import { mlpMessages } from '../models/generator-checks.js';
import { describe } from '../points.js';

export const oneStepGenerator = defineNode({
  name: 'one_step_generator',
  kind: 'model',
  doc:
    'A one-step generator as score identity distillation builds it: G(z, c) = D_θ(b(t) + σ(t) z, t, c) ' +
    "with z ~ N(0, I), the denoiser's one-shot estimate of x_0 from noise at the fixed time `time` " +
    "(under diffusion.edm, t = σ; SiD's σ_init is 2.5). θ starts as a copy of the teacher's weights " +
    '(taken when the first stage that reads this node starts) and is what the distillation trains.',
  references: [SCORE_IDENTITY_DISTILLATION, SCORE_FORGETTING_DISTILLATION],
  params: z.object({
    time: z.number().positive().default(2.5).describe("The schedule time of the generator's input noise."),
  }),
  inputs: {
    teacher: { type: 'Model', doc: 'The trained denoiser whose weights start the generator (diffusion.mlp_score).' },
    schedule: { type: 'Schedule', doc: "The teacher's forward process." },
  },
  output: 'Model',
  messages: {
    ...mlpMessages,
    timeRange: {
      message: 'time {{time}} is outside the schedule {{schedule}} ({{min}} … {{max}})',
      hint: 'Pick a time within the schedule, near its noisy end.',
    },
  },
  run({ teacher, schedule }, { time }, ctx) {
    if (!(teacher instanceof MlpDenoiser)) return ctx.fail('notMlp', { got: describe(teacher) });
    if (time < schedule.tMin || time > schedule.tMax) {
      ctx.fail('timeRange', { time, schedule: schedule.name, min: schedule.tMin, max: schedule.tMax });
    }
    return new OneStepGenerator(copyDenoiser(teacher, ctx.rng.fork('copy')), schedule, time);
  },
});
