// music.leadsheet_metrics: the controllability metrics of affect-conditioned lead sheets (affect/metrics.ts).
import { z } from 'zod';
import { defineNode, type Metrics } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { meterAdherence, qualityKl, valenceAccuracy } from '../affect/metrics.js';
import { thresholdsParam } from './valence.js';

export const leadsheetMetrics = defineNode({
  name: 'leadsheet_metrics',
  kind: 'eval',
  doc:
    'Controllability of generated lead sheets: `valence_accuracy`, the share whose progression valence (music.valence) ' +
    'falls in the bin they were conditioned on (chance 1/3); `meter_adherence`, the share of bars whose melody ' +
    'durations sum to the meter; `quality_kl`, KL(P_generated ‖ P_reference) in nats between chord-quality ' +
    'histograms, each count plus `smoothing`.',
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({
    thresholds: thresholdsParam,
    smoothing: z.number().min(0).max(100).default(0.5).describe('Added to every chord-quality count.'),
  }),
  inputs: {
    generated: { type: 'LeadSheets', doc: 'Sheets generated under their conditions.' },
    reference: { type: 'LeadSheets', doc: 'Training sheets the chord-quality histogram is compared with.' },
  },
  output: 'Metrics',
  messages: {
    empty: 'the {{which}} lead sheets are empty (no sheets, or no bars)',
    unsmoothedZero: {
      message: 'a chord quality of the generated sheets never occurs in the reference, so the KL is infinite',
      hint: 'Set smoothing above 0.',
    },
  },
  run({ generated, reference }, { thresholds, smoothing }, ctx): Metrics {
    for (const [which, { sheets }] of [
      ['generated', generated],
      ['reference', reference],
    ] as const)
      if (!sheets.some((sheet) => sheet.bars.length > 0)) ctx.fail('empty', { which });
    const kl = qualityKl(generated.sheets, reference.sheets, smoothing);
    if (!Number.isFinite(kl)) ctx.fail('unsmoothedZero');
    return {
      valence_accuracy: valenceAccuracy(generated.sheets, thresholds),
      meter_adherence: meterAdherence(generated.sheets),
      quality_kl: kl,
    };
  },
});
