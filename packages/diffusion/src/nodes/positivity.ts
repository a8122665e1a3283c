// diffusion.positivity: the share of samples with every coordinate positive.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';

export const positivity = defineNode({
  name: 'positivity',
  kind: 'eval',
  doc: 'Fraction of samples whose every coordinate is > 0 (`positive_fraction`), and the smallest coordinate (`min_value`).',
  params: z.object({}),
  inputs: { samples: { type: 'Points', doc: 'The drawn points.' } },
  output: 'Metrics',
  run({ samples: points }): Metrics {
    let positive = 0;
    for (let row = 0; row < points.count; row++)
      if (points.values.subarray(row * points.dim, (row + 1) * points.dim).every((v) => v > 0)) positive++;
    return {
      positive_fraction: positive / points.count,
      min_value: points.values.reduce((a, b) => Math.min(a, b), Infinity),
    };
  },
});
