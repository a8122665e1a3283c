// diffusion.mmd: maximum mean discrepancy to the test split, with the truth-vs-truth yardstick.
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { medianDistance, mmd as mmdOf } from '../metrics/mmd.js';
import { comparedInputs, comparedMessages, pair } from './compared-inputs.js';
import { MMD } from '@sous/core/references';

export const mmd = defineNode({
  name: 'mmd',
  kind: 'eval',
  doc:
    'Maximum mean discrepancy (unbiased, Gaussian kernel of width `bandwidth`, 0: the median pairwise distance of ' +
    'the truth) between the samples and the test split; `mmd_truth` for as many fresh ground-truth points.',
  references: [MMD],
  params: z.object({ bandwidth: z.number().min(0).default(0).describe('Kernel width h (0: median heuristic).') }),
  inputs: comparedInputs,
  output: 'Metrics',
  messages: comparedMessages,
  run({ samples, data }, { bandwidth }, ctx): Metrics {
    const { points, distribution } = pair(samples, data, ctx.fail);
    const fresh = distribution.sample(points.count, ctx.rng.fork('truth'));
    const reference = distribution.test.values,
      d = points.dim;
    const h = bandwidth || medianDistance(reference, fresh.values, d);
    return { mmd: mmdOf(points.values, reference, d, h), mmd_truth: mmdOf(fresh.values, reference, d, h) };
  },
});
