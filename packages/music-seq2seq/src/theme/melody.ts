// Theme Transformer's melody match (formulas.md §4): a generated bar matches the theme when its
// melody's pitch-interval sequence is within edit distance 1 of some theme bar's (intervals make
// the match transposition-invariant). Bars are the melody bars of theme/bars.ts (one track's
// skyline), so a theme recurrence is a generated bar that matches.
import type { Piece } from '../piece.js';
import { barSegments, type BarSegment } from './bars.js';

/** Successive pitch differences of a bar's melody notes (by onset). */
export function pitchIntervals(segment: BarSegment): number[] {
  return segment.notes.slice(1).map((note, i) => note.pitch - segment.notes[i].pitch);
}

/** Levenshtein distance of two sequences (insert, delete, substitute: 1 each). */
export function editDistance(a: readonly number[], b: readonly number[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}

export interface MelodyMatch {
  /** Melody bars of the generated piece (up to its last note). */
  bars: number;
  /** Bar numbers (from 0) that match a theme bar. */
  matches: number[];
}

/** The bars of `generated` whose interval sequence is within `tolerance` (default 1) edits of a theme bar's. */
export function melodyMatch(generated: Piece, theme: Piece, tolerance = 1): MelodyMatch {
  const themeBars = barSegments(theme)
    .filter((b) => b.notes.length > 0)
    .map(pitchIntervals);
  const bars = barSegments(generated);
  const matches = bars
    .filter((bar) => themeBars.some((t) => editDistance(pitchIntervals(bar), t) <= tolerance))
    .map((bar) => bar.bar);
  return { bars: bars.length, matches };
}
