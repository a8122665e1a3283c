// Chord progression irregularity (CPI, Wu & Yang 2020): the share of distinct chord trigrams among
// all trigrams of a piece's chord sequence. Their data carry chord symbols; ours are recognised per
// bar from the pitch classes sounding in it (reconstructed), bars without a recognised chord skipped.
import { chordName, detectChord } from '../chords.js';
import type { Piece } from '../piece.js';
import { melodicNotes } from './pitch.js';
import { barsOf } from './rhythm.js';

/** The recognised chord of each bar (bars with none left out), as "C:maj" names. */
export function barChords(piece: Piece): string[] {
  const notes = melodicNotes(piece);
  const end = notes.reduce((e, n) => Math.max(e, n.start + n.duration), 0);
  return barsOf(piece, end).flatMap((bar) => {
    const sounding = notes.filter((n) => n.start < bar.start + bar.length && n.start + n.duration > bar.start);
    const chord = detectChord(sounding.map((n) => n.pitch));
    return chord ? [chordName(chord)] : [];
  });
}

/** Distinct trigrams / trigrams of `chords` (NaN with fewer than three chords). */
export function chordProgressionIrregularity(chords: string[]): number {
  if (chords.length < 3) return NaN;
  const trigrams = chords.slice(2).map((c, i) => `${chords[i]} ${chords[i + 1]} ${c}`);
  return new Set(trigrams).size / trigrams.length;
}
