// diffusion.class_accuracy: how often class-conditional samples land in their class under the exact mixture.
import { z } from 'zod';
import { SousError, defineNode, type Metrics } from '@sous/core';
import { mixtureOf } from '../inputs.js';
import { classAccuracy as accuracyOf } from '../metrics/coverage.js';
import { comparedInputs, pair } from './compared-inputs.js';

export const classAccuracy = defineNode({
  name: 'class_accuracy',
  kind: 'eval',
  doc: 'Fraction of class-conditional samples whose most probable class under the exact mixture is the class they were drawn for.',
  params: z.object({}),
  inputs: comparedInputs,
  output: 'Metrics',
  run({ samples, data }): Metrics {
    const { points, distribution } = pair(samples, data, 'diffusion.class_accuracy');
    if (!points.labels) throw new SousError('diffusion.class_accuracy: the samples carry no class labels', { hint: 'Sample from a class-conditional model (mlp_score with classes > 0).' });
    return { class_accuracy: accuracyOf(mixtureOf(distribution, 'diffusion.class_accuracy'), points.values, points.labels) };
  },
});
