// music.metrics: the MusPy / Jazz Transformer metrics of a set of pieces, averaged over the pieces.
import { defineNode, type Metrics } from '@sous/core';
import { JAZZ_TRANSFORMER, LEAD_SHEETS_WITH_AFFECT, MUSPY } from '@sous/core/references';
import { z } from 'zod';
import { barChords, chordProgressionIrregularity } from '../metrics/chords.js';
import { pitchClassEntropy, pitchRange, polyphony, scaleConsistency } from '../metrics/pitch.js';
import { emptyBeatRate, grooveConsistency, meterAdherence } from '../metrics/rhythm.js';
import type { Piece } from '../piece.js';

export const metricsOfPiece: Record<string, (piece: Piece) => number> = {
  pitch_range: pitchRange,
  pitch_class_entropy: pitchClassEntropy,
  polyphony,
  scale_consistency: scaleConsistency,
  empty_beat_rate: emptyBeatRate,
  groove_consistency: (piece) => grooveConsistency(piece),
  chord_irregularity: (piece) => chordProgressionIrregularity(barChords(piece)),
  meter_adherence: (piece) => meterAdherence(piece),
};

export const metrics = defineNode({
  name: 'metrics',
  kind: 'eval',
  doc:
    'Objective metrics of symbolic music, each the mean over the pieces where it is defined: pitch_range, ' +
    'pitch_class_entropy (bits), polyphony, scale_consistency and empty_beat_rate as in MusPy; groove_consistency ' +
    'and chord_irregularity (CPI, chords recognised per bar: reconstructed) as in the Jazz Transformer; ' +
    'meter_adherence (bars whose notes end by the bar line: reconstructed from the lead-sheet paper).',
  references: [MUSPY, JAZZ_TRANSFORMER, LEAD_SHEETS_WITH_AFFECT],
  params: z.object({}),
  inputs: { pieces: { type: 'Pieces', doc: 'The pieces to measure.' } },
  output: 'Metrics',
  messages: { empty: { message: 'no pieces to measure' } },
  run({ pieces }, _params, ctx): Metrics {
    if (pieces.pieces.length === 0) ctx.fail('empty', {});
    return Object.fromEntries(
      Object.entries(metricsOfPiece).map(([name, measure]) => {
        const values = pieces.pieces.map(measure).filter((v) => !Number.isNaN(v));
        return [name, values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length];
      }),
    );
  },
});
