// A piece's melody cut into bars: the segments theme retrieval embeds and clusters. Bar lines
// follow the meter map (a time-signature change starts a new bar, as in a MIDI file); the melody
// is one track's skyline (the highest note at each onset), the usual melody proxy for piano music.
import type { Note, Piece } from '../piece.js';

export interface BarSegment {
  /** Bar number from 0. */
  bar: number;
  /** First tick of the bar and first tick after it. */
  start: number;
  end: number;
  /** Melody notes with onsets in [start, end), by onset. */
  notes: Note[];
}

/** The highest note at each onset of `notes`. */
export function skyline(notes: readonly Note[]): Note[] {
  const byOnset = new Map<number, Note>();
  for (const note of notes) {
    const kept = byOnset.get(note.start);
    if (!kept || note.pitch > kept.pitch) byOnset.set(note.start, note);
  }
  return [...byOnset.values()].sort((a, b) => a.start - b.start);
}

/** Ticks of one bar of numerator/denominator at `ppq` ticks per quarter note. */
function barTicks(ppq: number, numerator: number, denominator: number): number {
  return (ppq * 4 * numerator) / denominator;
}

/**
 * The bars of `piece` up to its last note, each with the skyline notes of track `track` (default:
 * the first track that is not drums and has notes). A piece without a time signature is in 4/4.
 */
export function barSegments(piece: Piece, track?: number): BarSegment[] {
  const index = track ?? piece.tracks.findIndex((t) => !t.isDrum && t.notes.length > 0);
  const melody = index >= 0 && index < piece.tracks.length ? skyline(piece.tracks[index].notes) : [];
  const lastTick = melody.reduce((end, n) => Math.max(end, n.start + 1), 0);
  const meters = piece.timeSignatures.length > 0 ? piece.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }];
  const bars: BarSegment[] = [];
  let start = 0;
  let meter = 0;
  while (start < lastTick) {
    while (meter + 1 < meters.length && meters[meter + 1].tick <= start) meter++;
    const { numerator, denominator } = meters[meter];
    const next = meter + 1 < meters.length ? meters[meter + 1].tick : Infinity;
    const end = Math.min(start + barTicks(piece.ppq, numerator, denominator), next);
    bars.push({ bar: bars.length, start, end, notes: melody.filter((n) => n.start >= start && n.start < end) });
    start = end;
  }
  return bars;
}
