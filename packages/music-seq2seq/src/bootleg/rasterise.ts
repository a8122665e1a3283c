// The bootleg score of a piece: a binary image, one row per staff position (staff.ts), one column
// per onset event (every distinct start tick of a pitched note, drums left out), and the fixed
// 62 × 64 windows the PBSCR dataset's images are cut into.
import type { Piece } from '../piece.js';
import { BOOTLEG_ROWS, staffRows } from './staff.js';

/** Columns of a PBSCR window. */
export const WINDOW_COLUMNS = 64;

/** A binary image of 62 rows (row 0 the lowest staff position) by `columns` onset events. */
export interface BootlegScore {
  readonly columns: number;
  /** Row-major [62, columns]: 1 where a notehead sits. */
  readonly cells: Uint8Array;
}

export function bootlegScore(piece: Piece): BootlegScore {
  const pitchesAt = new Map<number, number[]>();
  for (const track of piece.tracks) {
    if (track.isDrum) continue;
    for (const { start, pitch } of track.notes) {
      const pitches = pitchesAt.get(start);
      if (pitches) pitches.push(pitch);
      else pitchesAt.set(start, [pitch]);
    }
  }
  const onsets = [...pitchesAt.keys()].sort((a, b) => a - b);
  const columns = onsets.length;
  const cells = new Uint8Array(BOOTLEG_ROWS * columns);
  onsets.forEach((tick, column) => {
    for (const pitch of pitchesAt.get(tick)!) for (const row of staffRows(pitch)) cells[row * columns + column] = 1;
  });
  return { columns, cells };
}

/**
 * Windows of 64 columns starting every `hop` columns, as row-major [62, 64] images. A score of
 * fewer than 64 columns gives one window padded with empty columns; an empty score gives none.
 */
export function bootlegWindows(score: BootlegScore, hop = WINDOW_COLUMNS): Uint8Array[] {
  const { columns, cells } = score;
  if (columns === 0) return [];
  const count = columns <= WINDOW_COLUMNS ? 1 : Math.floor((columns - WINDOW_COLUMNS) / hop) + 1;
  return Array.from({ length: count }, (_, w) => {
    const window = new Uint8Array(BOOTLEG_ROWS * WINDOW_COLUMNS);
    const first = w * hop;
    const width = Math.min(WINDOW_COLUMNS, columns - first);
    for (let row = 0; row < BOOTLEG_ROWS; row++)
      window.set(cells.subarray(row * columns + first, row * columns + first + width), row * WINDOW_COLUMNS);
    return window;
  });
}
