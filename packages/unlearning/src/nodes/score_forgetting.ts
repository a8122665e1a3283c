// unlearning.score_forgetting: score identity distillation with the forgotten classes' teacher
// queried at a safe class (score forgetting distillation).
import { z } from 'zod';
import { defineNode, tf } from '@sous/core';
import {
  OneStepGenerator,
  describe,
  generatorMessages,
  isDenoiser,
  levelTensors,
  levelsAt,
  type Denoiser,
} from '@sous/diffusion';
import { SCORE_FORGETTING_DISTILLATION, SCORE_IDENTITY_DISTILLATION } from '@sous/core/references';
import { sidRowLosses } from '../sid-loss.js';

export const score_forgetting = defineNode({
  name: 'score_forgetting',
  kind: 'loss',
  doc:
    'The generator loss of score forgetting distillation (Chen, Zhang & Zhou 2024), built on score identity ' +
    'distillation (SiD, Zhou et al. 2024). Draws `size` generator samples x_g = G(z, c), classes in turn, ' +
    "noises them, x_t = α x_g + b + σ ε with t from the training distribution of the generator's schedule, and per row takes " +
    'L = ⟨f_T − f_φ, (f_T − x_g) − α_SiD (f_T − f_φ)⟩ / sg(mean_d |f_T − x_g|), with f_φ = fake(x_t, t, c) and the ' +
    'teacher f_T = teacher(x_t, t, m(c)), where m maps every class in `forget` to `safe` and keeps the others: ' +
    "the generator's forgotten classes are distilled toward the teacher's safe class, with no data. " +
    'Loss = mean over rows of L times `forget_weight` on forgotten rows and 1 on the others (this weighting ' +
    "is reconstructed, not the paper's). With `forget` empty it is plain SiD. Gradients reach the generator " +
    'through x_g and x_t; the optimizer should update only the generator (optimizer …(model: generator, ' +
    "loss: …)), while the fake denoiser learns the generator's samples by diffusion.dsm.",
  references: [SCORE_FORGETTING_DISTILLATION, SCORE_IDENTITY_DISTILLATION],
  params: z.object({
    size: z.number().int().min(1).max(65536).default(256).describe('Generator samples per step.'),
    alpha: z.number().default(1.2).describe("SiD's α (1.2 in SiD and SFD)."),
    forget: z.array(z.number().int().min(0)).default([]).describe('Classes to forget (empty: plain SiD).'),
    safe: z.number().int().min(0).default(0).describe('The class whose teacher score the forgotten classes receive.'),
    forget_weight: z.number().min(0).default(1).describe("λ_f: the forgotten rows' weight in the mean."),
  }),
  inputs: {
    generator: { type: 'Model', doc: 'The one-step generator being trained (diffusion.one_step_generator).' },
    teacher: { type: 'Model', doc: 'The trained class-conditional denoiser (not optimised).' },
    fake: { type: 'Model', doc: "The fake denoiser, trained on the generator's samples (diffusion.denoiser_copy)." },
  },
  output: 'Loss',
  messages: {
    ...generatorMessages,
    notDenoiser: 'the {{port}} is not a denoiser (diffusion.mlp_score or diffusion.denoiser_copy)',
    modelDim: 'the {{port}} is {{got}}-dimensional but the generator is {{want}}-dimensional',
    classRange: {
      message: 'class {{label}} (in {{param}}) is out of range: the generator has {{classes}} classes',
      hint: 'Forgetting needs a class-conditional teacher and generator (mlp_score with classes > 0).',
    },
    safeForgotten: 'the safe class {{safe}} is also in forget',
    classesDiffer: 'the generator has {{generator}} classes but the {{port}} has {{other}}',
  },
  run({ generator, teacher, fake }, { size, alpha, forget, safe, forget_weight }, ctx) {
    if (!(generator instanceof OneStepGenerator)) return ctx.fail('notGenerator', { got: describe(generator) });
    const model = generator;
    const denoiserOn = (value: unknown, port: string): Denoiser => {
      if (!isDenoiser(value)) return ctx.fail('notDenoiser', { port });
      if (value.dim !== model.dim) ctx.fail('modelDim', { port, got: value.dim, want: model.dim });
      return value;
    };
    const teacherModel = denoiserOn(teacher, 'teacher');
    const fakeModel = denoiserOn(fake, 'fake');
    const { classes, schedule } = model;
    for (const [port, other] of [
      ['teacher', teacherModel],
      ['fake', fakeModel],
    ] as const) {
      if (other.classes !== classes) ctx.fail('classesDiffer', { generator: classes, port, other: other.classes });
    }
    if (forget.length > 0) {
      for (const label of forget) if (label >= classes) ctx.fail('classRange', { label, param: 'forget', classes });
      if (safe >= classes) ctx.fail('classRange', { label: safe, param: 'safe', classes });
      if (forget.includes(safe)) ctx.fail('safeForgotten', { safe });
    }
    const labels = classes > 0 ? Int32Array.from({ length: size }, (_, row) => row % classes) : null;
    const forgotten = (label: number) => forget.includes(label);
    const teacherLabels = labels?.map((label) => (forgotten(label) ? safe : label)) ?? null;
    const weights = Float32Array.from({ length: size }, (_, row) =>
      labels && forgotten(labels[row]) ? forget_weight : 1,
    );
    const generated = model.sample(labels ?? new Int32Array(size).fill(-1), ctx.rng);
    const levels = levelsAt(schedule, schedule.trainTimes(size, ctx.rng));
    const level = levelTensors(levels);
    const noise = tf.tensor2d(
      Float32Array.from({ length: size * model.dim }, () => ctx.rng.normal()),
      [size, model.dim],
    );
    const noisy = tf.add(
      tf.add(tf.mul(level.alpha, generated), level.shift),
      tf.mul(level.sigma, noise),
    ) as tf.Tensor2D;
    const rows = sidRowLosses(
      teacherModel.denoise(noisy, levels, teacherLabels),
      fakeModel.denoise(noisy, levels, labels),
      generated,
      alpha,
    );
    return tf.mean(tf.mul(rows, tf.tensor1d(weights))) as tf.Scalar;
  },
});
