// diffusion.class_fidelity: per class, where the samples land and how far they are from a reference's.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { mixtureMessages, mixtureOf } from '../checks.js';
import { classAccuracy } from '../metrics/coverage.js';
import { medianDistance, mmd } from '../metrics/mmd.js';
import type { Points } from '../points.js';
import { MMD, SCORE_FORGETTING_DISTILLATION } from '@sous/core/references';

/** The rows of `points` labelled `label`. */
function rowsOf(points: Points, label: number): Float32Array {
  const rows: number[] = [];
  points.labels!.forEach((value, row) => {
    if (value === label) rows.push(row);
  });
  const values = new Float32Array(rows.length * points.dim);
  rows.forEach((row, k) =>
    values.set(points.values.subarray(row * points.dim, (row + 1) * points.dim), k * points.dim),
  );
  return values;
}

export const classFidelity = defineNode({
  name: 'class_fidelity',
  kind: 'eval',
  doc:
    'Per class c of a class-conditional distribution with an exact mixture: `share_c_k`, the fraction of the ' +
    'samples drawn for class c whose most probable class under the mixture is k (after forgetting c → k, ' +
    'share_c_k near 1), and `mmd_c`, the unbiased MMD (Gaussian kernel, median-distance width) between the ' +
    "samples drawn for c and the reference's points of class c (e.g. the teacher's multi-step samples).",
  references: [SCORE_FORGETTING_DISTILLATION, MMD],
  params: z.object({}),
  inputs: {
    samples: { type: 'Points', doc: 'Class-labelled samples (diffusion.one_step_sample).' },
    reference: { type: 'Points', doc: "Class-labelled reference points (the teacher's diffusion.sample)." },
    data: { type: 'Distribution', doc: 'The class-conditional mixture the classes come from.' },
  },
  output: 'Metrics',
  messages: {
    ...mixtureMessages,
    noLabels: {
      message: 'the {{port}} carry no class labels',
      hint: 'Draw them from class-conditional models (classes > 0).',
    },
    dims: 'the {{port}} are {{got}}-dimensional but the data is {{want}}-dimensional',
    emptyClass: {
      message: 'the {{port}} have fewer than 2 points of class {{label}}',
      hint: 'Draw more points, every class in turn (label −1).',
    },
  },
  run({ samples, reference, data }, _params, ctx): Metrics {
    const mixture = mixtureOf(data, ctx.fail);
    for (const [port, points] of [
      ['samples', samples],
      ['reference', reference],
    ] as const) {
      if (!points.labels) ctx.fail('noLabels', { port });
      if (points.dim !== data.dim) ctx.fail('dims', { port, got: points.dim, want: data.dim });
    }
    const classes = mixture.classes;
    const metrics: Metrics = {};
    for (let label = 0; label < classes; label++) {
      const drawn = rowsOf(samples, label);
      const truth = rowsOf(reference, label);
      const count = drawn.length / data.dim;
      if (count < 2) ctx.fail('emptyClass', { port: 'samples', label });
      if (truth.length / data.dim < 2) ctx.fail('emptyClass', { port: 'reference', label });
      for (let landed = 0; landed < classes; landed++) {
        metrics[`share_${label}_${landed}`] = classAccuracy(mixture, drawn, new Int32Array(count).fill(landed));
      }
      metrics[`mmd_${label}`] = mmd(drawn, truth, data.dim, medianDistance(truth, drawn, data.dim));
    }
    return metrics;
  },
});
