// music.valence: progression valence of lead sheets from the chord-valence table (affect/valence.ts).
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { progressionValence, valenceBin, VALENCE_BINS } from '../affect/valence.js';

export const thresholdsParam = z
  .tuple([z.number().min(-1).max(1), z.number().min(-1).max(1)])
  .default([-0.25, 0.25])
  .refine(([low, high]) => low <= high, 'the low threshold must not exceed the high one')
  .describe('Valence below the first is negative, above the second positive, else neutral.');

export const valence = defineNode({
  name: 'valence',
  kind: 'eval',
  doc:
    'Progression valence V = Σ d_j v(c_j) / Σ d_j (durations d in beats) of each sheet, with chord valence v(c) the ' +
    "mean valence (−1, 0, +1) of the quality's mood tags — a RECONSTRUCTED table: the paper's expert tags are not " +
    'public in the abstract; ours keeps their structure (major-like qualities positive, minor and diminished ' +
    'negative). Metrics: mean `valence` and the share of sheets in each bin (`negative`, `neutral`, `positive`).',
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({ thresholds: thresholdsParam }),
  inputs: { sheets: { type: 'LeadSheets' } },
  output: 'Metrics',
  messages: { noSheets: 'there are no lead sheets with chords to score' },
  run({ sheets }, { thresholds }, ctx): Metrics {
    const values = sheets.sheets
      .map((sheet) => progressionValence(sheet.bars.flatMap((bar) => bar.chords)))
      .filter((v) => !Number.isNaN(v));
    if (values.length === 0) ctx.fail('noSheets');
    const metrics: Metrics = { valence: values.reduce((a, b) => a + b, 0) / values.length };
    for (const bin of VALENCE_BINS)
      metrics[bin] = values.filter((v) => valenceBin(v, thresholds) === bin).length / values.length;
    return metrics;
  },
});
