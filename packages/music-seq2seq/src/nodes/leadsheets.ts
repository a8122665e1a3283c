// music.leadsheets: synthetic lead sheets under valence, meter and phrase-plan conditions (affect/leadsheet.ts).
import { z } from 'zod';
import { defineNode, Rng } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { composeLeadSheet, METERS } from '../affect/leadsheet.js';
import { VALENCE_BINS } from '../affect/valence.js';
import type { LeadSheets } from '../style-port-types.js';

export const leadsheets = defineNode({
  name: 'leadsheets',
  kind: 'task',
  doc:
    'Synthetic lead sheets: for each sheet a valence condition (negative, neutral, positive in turn), a meter and a ' +
    'phrase plan drawn from the lists; chords from a Markov chain over the scale degrees of a mode chosen by the ' +
    'condition (minor, a mode mixing minor and major chords, major), 4/4 bars split into two chords half of the time, repeated phrase letters ' +
    'repeating their bars, and melodies of chord tones on simple rhythms that fill each bar.',
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({
    count: z.number().int().min(1).max(100_000).default(300).describe('Number of lead sheets.'),
    meters: z
      .array(z.enum(['3/4', '4/4']))
      .min(1)
      .default(['3/4', '4/4'])
      .describe('Meters to draw from.'),
    plans: z
      .array(z.string().regex(/^[A-D]{1,8}$/, 'a phrase plan is 1–8 letters A–D, e.g. "AABA"'))
      .min(1)
      .default(['AABA', 'ABAB'])
      .describe('Phrase plans to draw from.'),
    bars_per_phrase: z.number().int().min(1).max(32).default(4).describe('Bars in each phrase.'),
    seed: z.number().int().default(0).describe('Seed of the sheets (not the recipe seed).'),
  }),
  inputs: {},
  output: 'LeadSheets',
  run(_inputs, { count, meters, plans, bars_per_phrase, seed }): LeadSheets {
    const rng = new Rng(`music.leadsheets/${seed}`);
    const sheets = Array.from({ length: count }, (_, i) => {
      const sheetRng = rng.fork(i);
      const meter = METERS[meters[sheetRng.int(meters.length)]];
      const plan = plans[sheetRng.int(plans.length)];
      return composeLeadSheet(VALENCE_BINS[i % 3], meter, plan, bars_per_phrase, sheetRng);
    });
    return { kind: 'leadsheets', sheets };
  },
});
