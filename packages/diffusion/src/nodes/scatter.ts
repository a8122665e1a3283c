// diffusion.scatter: samples/<binding>-step<k>.svg (beside the ground truth) and .csv.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { defineNode, writeFileAtomic, type Metrics } from '@sous/core';
import { comparedInputs, comparedMessages, pair } from './compared-inputs.js';
import { pointsCsv, scatterSvg } from '../svg.js';

export const scatter = defineNode({
  name: 'scatter',
  kind: 'eval',
  doc:
    'Writes the samples into the run folder as samples/<name>-step<k>.csv (coordinates and label) and ' +
    'samples/<name>-step<k>.svg, a scatter plot of the first two coordinates beside the test split. Returns no metrics.',
  params: z.object({
    name: z
      .string()
      .regex(/^[\w.-]+$/, 'use letters, digits, "_", "-" and "."')
      .default('samples')
      .describe('File name prefix.'),
  }),
  inputs: {
    samples: comparedInputs.samples,
    data: { type: 'Distribution', doc: 'The ground-truth distribution (its test split is drawn beside them).' },
  },
  output: 'Metrics',
  messages: comparedMessages,
  async run({ samples, data }, { name }, ctx): Promise<Metrics> {
    const { points, distribution } = pair(samples, data, ctx.fail);
    if (ctx.runDir === null) return {};
    const folder = path.join(ctx.runDir, 'samples');
    await mkdir(folder, { recursive: true });
    const stem = path.join(folder, `${name}-step${ctx.step + 1}`);
    await writeFileAtomic(`${stem}.csv`, pointsCsv(points));
    await writeFileAtomic(`${stem}.svg`, scatterSvg(distribution.test, points, `${name}, step ${ctx.step + 1}`));
    return {};
  },
});
