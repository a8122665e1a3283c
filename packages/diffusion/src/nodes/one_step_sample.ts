// diffusion.one_step_sample: draws class-labelled points from a one-step generator.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makePoints, type Points } from '../points.js';
import { SCORE_IDENTITY_DISTILLATION } from '@sous/core/references';
import { asGenerator, generatorMessages } from '../models/generator-checks.js';

export const oneStepSample = defineNode({
  name: 'one_step_sample',
  kind: 'sampler',
  doc:
    'Draws `n` points x = G(z, c) from a one-step generator (one network call each), labelled with the ' +
    'class c they were drawn for: `label`, or every class in turn (−1). The points carry no gradient: ' +
    "as the fake denoiser's training batch (diffusion.dsm) they are sg(x_g).",
  references: [SCORE_IDENTITY_DISTILLATION],
  params: z.object({
    n: z.number().int().min(1).max(1_000_000).default(256).describe('Points to draw.'),
    label: z.number().int().min(-1).default(-1).describe('Class to draw (−1: every class in turn).'),
  }),
  inputs: { generator: { type: 'Model', doc: 'diffusion.one_step_generator.' } },
  output: 'Points',
  messages: {
    ...generatorMessages,
    labelRange: 'label {{label}} is out of range: the generator has {{classes}} classes',
  },
  run({ generator }, { n, label }, ctx): Points {
    const model = asGenerator(generator, ctx.fail);
    if (label >= Math.max(model.classes, 1)) ctx.fail('labelRange', { label, classes: model.classes });
    const labels = Int32Array.from({ length: n }, (_, row) =>
      model.classes === 0 ? -1 : label >= 0 ? label : row % model.classes,
    );
    const samples = model.sample(labels, ctx.rng);
    const values = samples.dataSync() as Float32Array;
    samples.dispose();
    return makePoints(Float32Array.from(values), model.dim, model.classes > 0 ? labels : undefined);
  },
});
