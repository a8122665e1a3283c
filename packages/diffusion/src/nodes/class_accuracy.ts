// diffusion.class_accuracy: how often class-conditional samples land in their class under the exact mixture.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { mixtureMessages, mixtureOf } from '../checks.js';
import { classAccuracy as accuracyOf } from '../metrics/coverage.js';
import { comparedInputs, comparedMessages, pair } from './compared-inputs.js';

export const classAccuracy = defineNode({
  name: 'class_accuracy',
  kind: 'eval',
  doc: 'Fraction of class-conditional samples whose most probable class under the exact mixture is the class they were drawn for.',
  params: z.object({}),
  inputs: comparedInputs,
  output: 'Metrics',
  messages: {
    ...comparedMessages,
    ...mixtureMessages,
    noLabels: {
      message: 'the samples carry no class labels',
      hint: 'Sample from a class-conditional model (mlp_score with classes > 0).',
    },
  },
  run({ samples, data }, _params, ctx): Metrics {
    const { points, distribution } = pair(samples, data, ctx.fail);
    if (!points.labels) ctx.fail('noLabels');
    return { class_accuracy: accuracyOf(mixtureOf(distribution, ctx.fail), points.values, points.labels!) };
  },
});
