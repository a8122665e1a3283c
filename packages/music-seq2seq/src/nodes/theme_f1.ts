// music.theme_f1: how well theme retrieval recovers the planted theme bars.
import { defineNode, type Metrics } from '@sous/core';
import { THEME_TRANSFORMER } from '@sous/core/references';
import { z } from 'zod';
import { retrievalF1 } from '../theme/retrieve.js';

export const themeF1 = defineNode({
  name: 'theme_f1',
  kind: 'eval',
  doc:
    'Scores music.theme_retrieval against the planted theme bars of music.planted_motifs: per piece the ' +
    'precision, recall and F1 of the retrieved bars against the planted ones, averaged over the pieces ' +
    '(formulas.md §4 expects F1 > 0.8). Metrics: precision, recall, f1, found (share of pieces where a theme ' +
    'was found at all).',
  references: [THEME_TRANSFORMER],
  params: z.object({}),
  inputs: { themes: { type: 'Themes', doc: 'music.theme_retrieval of music.planted_motifs pieces.' } },
  output: 'Metrics',
  messages: {
    noPlanted: {
      message: 'the pieces carry no planted theme bars to score retrieval against',
      hint: 'Retrieve themes of music.planted_motifs(...) pieces.',
    },
    empty: 'no pieces to score',
  },
  run({ themes }, _params, ctx): Metrics {
    const planted = themes.pieces.themeBars ?? ctx.fail('noPlanted');
    if (themes.retrievals.length === 0) ctx.fail('empty');
    const scores = themes.retrievals.map((r, i) => retrievalF1(r.occurrences, planted[i]));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
      precision: mean(scores.map((s) => s.precision)),
      recall: mean(scores.map((s) => s.recall)),
      f1: mean(scores.map((s) => s.f1)),
      found: mean(themes.retrievals.map((r) => (r.occurrences.length > 0 ? 1 : 0))),
    };
  },
});
