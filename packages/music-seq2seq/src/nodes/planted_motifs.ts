// music.planted_motifs: the planted-motif corpus of Theme Transformer's validation, split.
import { Rng, defineNode } from '@sous/core';
import { THEME_TRANSFORMER } from '@sous/core/references';
import { z } from 'zod';
import { plantedMotifPiece } from '../theme/synthetic.js';
import { SPLIT_MEMBERS, splitParams, splitPieces } from './split.js';

export const plantedMotifs = defineNode({
  name: 'planted_motifs',
  kind: 'task',
  doc:
    'Seeded pieces with a planted theme (the synthetic corpus of formulas.md §4): each piece is `bars` bars of ' +
    '4/4, four melody notes a bar on a sixteenth grid with onsets jittered by a sixty-fourth; a random 4-note motif ' +
    'fills 3 or 4 random bars (or `occurrences`), each time transposed by −5…+6 semitones, every other bar is ' +
    'random filler. The planted bars travel with the pieces (themeBars), so music.theme_f1 can score retrieval. ' +
    'Members: train, val, test.',
  references: [THEME_TRANSFORMER],
  params: z.object({
    count: z.number().int().min(1).max(100_000).default(100).describe('Number of pieces.'),
    bars: z.number().int().min(1).max(256).default(16).describe('Length in 4/4 bars.'),
    occurrences: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Bars holding the motif in every piece (default: 3 or 4 at random).'),
    ...splitParams,
  }),
  inputs: {},
  output: 'PieceSplits',
  members: SPLIT_MEMBERS,
  messages: { tooMany: 'occurrences {{occurrences}} do not fit in {{bars}} bars' },
  run(_inputs, { count, bars, occurrences, train, val, test, seed }, ctx) {
    if (occurrences !== undefined && occurrences > bars) ctx.fail('tooMany', { occurrences, bars });
    const rng = new Rng(`planted motifs ${seed}`);
    const planted = Array.from({ length: count }, (_, i) => plantedMotifPiece(rng.fork(i), { bars, occurrences }));
    return splitPieces(
      planted.map((p) => p.piece),
      planted.map((_, i) => `planted ${i}`),
      { train, val, test },
      seed,
      planted.map((p) => p.themeBars),
    );
  },
});
