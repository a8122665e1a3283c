// music.synthetic: seeded random pieces, split.
import { Rng, defineNode } from '@sous/core';
import { z } from 'zod';
import { syntheticPiece } from '../synthetic.js';
import { SPLIT_MEMBERS, splitParams, splitPieces } from './split.js';

export const synthetic = defineNode({
  name: 'synthetic',
  kind: 'task',
  doc:
    'Seeded random pieces for tests and toy runs: notes from a random major key at random onsets (on a grid of ' +
    '`grid` ticks, 0: anywhere), chords now and then, optional drums, tempo and meter changes; split like ' +
    'music.midi_folder. Members: train, val, test.',
  params: z.object({
    count: z.number().int().min(1).max(100_000).default(100).describe('Number of pieces.'),
    bars: z.number().int().min(1).max(256).default(4).describe('Length in 4/4 bars.'),
    tracks: z.number().int().min(1).max(15).default(1).describe('Melodic tracks per piece.'),
    drums: z.boolean().default(false).describe('Add a drum track.'),
    grid: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Onsets and durations on multiples of this many ticks (0: anywhere).'),
    changes: z.boolean().default(true).describe('Draw tempo and meter changes.'),
    ...splitParams,
  }),
  inputs: {},
  output: 'PieceSplits',
  members: SPLIT_MEMBERS,
  run(_inputs, { count, train, val, test, seed, ...options }) {
    const rng = new Rng(`synthetic ${seed}`);
    const pieces = Array.from({ length: count }, (_, i) => syntheticPiece(rng.fork(i), options));
    return splitPieces(
      pieces,
      pieces.map((_, i) => `synthetic ${i}`),
      { train, val, test },
      seed,
    );
  },
});
