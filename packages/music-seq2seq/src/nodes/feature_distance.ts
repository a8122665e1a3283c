// music.feature_distance: Yang & Lerch's overlap area and KL between generated and training sets.
import { defineNode, type Metrics } from '@sous/core';
import { EVALUATING_MUSIC_GENERATORS } from '@sous/core/references';
import { z } from 'zod';
import { intraInterComparison } from '../metrics/distributions.js';
import { metricsOfPiece } from './metrics.js';

export const featureDistance = defineNode({
  name: 'feature_distance',
  kind: 'eval',
  doc:
    'For each per-piece feature of music.metrics, the intra-set distances of the training pieces and the ' +
    'inter-set distances between generated and training pieces, smoothed by Gaussian kernels and compared: ' +
    '<feature>_overlap (overlap area, 1 = same) and <feature>_kl (KL(intra ‖ inter), 0 = same), as in Yang & Lerch.',
  references: [EVALUATING_MUSIC_GENERATORS],
  params: z.object({}),
  inputs: {
    generated: { type: 'Pieces', doc: 'The generated pieces.' },
    train: { type: 'Pieces', doc: 'The training pieces (at least two).' },
  },
  output: 'Metrics',
  messages: { few: { message: 'need at least 2 training and 1 generated piece, got {{train}} and {{generated}}' } },
  run({ generated, train }, _params, ctx): Metrics {
    if (train.pieces.length < 2 || generated.pieces.length < 1) {
      ctx.fail('few', { train: train.pieces.length, generated: generated.pieces.length });
    }
    const out: Metrics = {};
    for (const [name, measure] of Object.entries(metricsOfPiece)) {
      const g = generated.pieces.map(measure).filter((v) => !Number.isNaN(v));
      const t = train.pieces.map(measure).filter((v) => !Number.isNaN(v));
      if (g.length < 1 || t.length < 2) continue;
      const { overlapArea, kl } = intraInterComparison(g, t);
      out[`${name}_overlap`] = overlapArea;
      out[`${name}_kl`] = kl;
    }
    return out;
  },
});
