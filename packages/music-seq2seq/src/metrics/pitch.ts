// Pitch metrics of one piece, after MusPy (Dong et al. 2020): drum tracks are ignored; a piece
// without melodic notes gives NaN.
import type { Note, Piece } from '../piece.js';

/** Every note of the melodic (non-drum) tracks. */
export const melodicNotes = (piece: Piece): Note[] => piece.tracks.filter((t) => !t.isDrum).flatMap((t) => t.notes);

/** Highest minus lowest pitch. */
export function pitchRange(piece: Piece): number {
  const notes = melodicNotes(piece);
  if (notes.length === 0) return NaN;
  let low = 127,
    high = 0;
  for (const note of notes) {
    low = Math.min(low, note.pitch);
    high = Math.max(high, note.pitch);
  }
  return high - low;
}

/** Shannon entropy in bits of a histogram of counts (zero counts contribute nothing). */
export function entropyBits(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return NaN;
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) h -= (counts[i] / total) * Math.log2(counts[i] / total);
  return h;
}

/** 12-bin histogram of the notes' pitch classes. */
export function pitchClassHistogram(notes: Note[]): number[] {
  const counts = new Array<number>(12).fill(0);
  for (const note of notes) counts[note.pitch % 12]++;
  return counts;
}

/** Entropy (bits) of the pitch-class histogram, one count per note: 0 for one pitch class, log2 12 at most. */
export const pitchClassEntropy = (piece: Piece) => entropyBits(pitchClassHistogram(melodicNotes(piece)));

const majorSteps = [0, 2, 4, 5, 7, 9, 11];
const minorSteps = [0, 2, 3, 5, 7, 8, 10];

/** Share of notes whose pitch class is in the scale of `root` (0 = C) and `mode`. */
export function pitchInScaleRate(piece: Piece, root: number, mode: 'major' | 'minor'): number {
  const notes = melodicNotes(piece);
  const scale = new Set((mode === 'major' ? majorSteps : minorSteps).map((step) => (root + step) % 12));
  return notes.length === 0 ? NaN : notes.filter((n) => scale.has(n.pitch % 12)).length / notes.length;
}

/** The largest pitch-in-scale rate over the 24 major and (natural) minor keys. */
export function scaleConsistency(piece: Piece): number {
  let best = NaN;
  for (const mode of ['major', 'minor'] as const) {
    for (let root = 0; root < 12; root++) {
      const rate = pitchInScaleRate(piece, root, mode);
      if (!(rate <= best)) best = rate;
    }
  }
  return best;
}

/** Mean number of distinct pitches sounding, over the ticks where at least one sounds. */
export function polyphony(piece: Piece): number {
  const end = melodicNotes(piece).reduce((e, n) => Math.max(e, n.start + n.duration), 0);
  const sounding = new Int32Array(end + 1);
  const byPitch = new Map<number, Note[]>();
  for (const note of melodicNotes(piece)) byPitch.set(note.pitch, (byPitch.get(note.pitch) ?? []).concat(note));
  for (const notes of byPitch.values()) {
    const on = new Uint8Array(end);
    for (const note of notes) on.fill(1, note.start, note.start + note.duration);
    for (let t = 0; t < end; t++) sounding[t] += on[t];
  }
  let total = 0,
    busy = 0;
  for (let t = 0; t < end; t++) {
    total += sounding[t];
    if (sounding[t] > 0) busy++;
  }
  return busy === 0 ? NaN : total / busy;
}
