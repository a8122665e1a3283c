// diffusion.mode_coverage: modes of the exact mixture that the samples cover.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { mixtureMessages, mixtureOf } from '../checks.js';
import { modeCoverage as coverageOf } from '../metrics/coverage.js';
import { comparedInputs, comparedMessages, pair } from './compared-inputs.js';

export const modeCoverage = defineNode({
  name: 'mode_coverage',
  kind: 'eval',
  doc:
    'Against the exact mixture: `modes_covered` (of `modes`), modes holding at least a quarter of the samples ' +
    'their weight predicts among samples near a mode, and `near_mode`, the fraction of samples within squared ' +
    'Mahalanobis distance 9·d of their most responsible component.',
  params: z.object({}),
  inputs: comparedInputs,
  output: 'Metrics',
  messages: { ...comparedMessages, ...mixtureMessages },
  run({ samples, data }, _params, ctx): Metrics {
    const { points, distribution } = pair(samples, data, ctx.fail);
    const coverage = coverageOf(mixtureOf(distribution, ctx.fail), points.values);
    return { modes_covered: coverage.modesCovered, modes: coverage.modes, near_mode: coverage.nearMode };
  },
});
