// music.leadsheet_pieces: lead sheets as two-track pieces (melody, chords) for music.save.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { leadSheetPiece } from '../affect/piece.js';
import type { Pieces } from '../port-types.js';

export const leadsheetPieces = defineNode({
  name: 'leadsheet_pieces',
  kind: 'transform',
  doc:
    'Each lead sheet as a piece of two tracks at 100 bpm in its meter: the melody (velocity 90) and each ' +
    "chord's tones from C3 up, held for the chord's beats (velocity 60), so music.save writes it as .mid and a " +
    'piano roll. Names say the conditions, e.g. "positive 3/4 AABA".',
  params: z.object({}),
  inputs: { sheets: { type: 'LeadSheets', doc: 'e.g. music.leadsheet_decode(rollouts).' } },
  output: 'Pieces',
  run({ sheets }): Pieces {
    return {
      pieces: sheets.sheets.map((sheet) => leadSheetPiece(sheet)),
      names: sheets.sheets.map((s) => `${s.valence} ${s.meter[0]}/${s.meter[1]} ${s.plan}`),
    };
  },
});
