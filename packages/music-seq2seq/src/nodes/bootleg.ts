// music.bootleg: pieces → 62 × 64 bootleg-score windows (bootleg/rasterise.ts, bootleg/staff.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { BOOTLEG_SCORE, PBSCR } from '@sous/core/references';
import { bootlegScore, bootlegWindows, WINDOW_COLUMNS } from '../bootleg/rasterise.js';
import { BOOTLEG_ROWS } from '../bootleg/staff.js';
import type { Images } from '../style-port-types.js';

export const bootleg = defineNode({
  name: 'bootleg',
  kind: 'transform',
  doc:
    'Bootleg score of each piece: a binary image with one row per staff position of a grand staff (rows 0–27 the ' +
    'bass staff A0–G4, rows 28–61 the treble staff E3–C8, from the bottom) and one column per onset event; a ' +
    'pitch fills the row of every way it may be spelled (C♯ as C♯ and D♭) on every staff that can hold it (E3–G4 ' +
    'on both), as in the MIDI-to-bootleg conversion of Tsai et al. Each score is cut into 62 × 64 windows every ' +
    '`hop` columns (a score shorter than 64 columns gives one window padded with empty columns), each labelled ' +
    "with its piece's label.",
  references: [BOOTLEG_SCORE, PBSCR],
  params: z.object({
    hop: z.number().int().min(1).max(WINDOW_COLUMNS).default(WINDOW_COLUMNS).describe('Columns between window starts.'),
    max_windows: z.number().int().min(1).max(10_000).default(1).describe('Windows kept per piece, from its start.'),
  }),
  inputs: { pieces: { type: 'LabelledPieces', doc: 'Labelled pieces, e.g. corpus.train.' } },
  output: 'Images',
  run({ pieces }, { hop, max_windows }): Images {
    const windows: Uint8Array[] = [];
    const labels: number[] = [];
    pieces.pieces.forEach((piece, i) => {
      for (const window of bootlegWindows(bootlegScore(piece), hop).slice(0, max_windows)) {
        windows.push(window);
        labels.push(pieces.labels[i]);
      }
    });
    const size = BOOTLEG_ROWS * WINDOW_COLUMNS;
    const pixels = new Float32Array(windows.length * size);
    windows.forEach((window, i) => pixels.set(window, i * size));
    return {
      kind: 'images',
      count: windows.length,
      height: BOOTLEG_ROWS,
      width: WINDOW_COLUMNS,
      pixels,
      labels: Int32Array.from(labels),
      classes: pieces.classes,
    };
  },
});
