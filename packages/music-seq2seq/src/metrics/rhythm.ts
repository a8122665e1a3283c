// Rhythm and meter metrics of one piece. Bars come from the piece's meter map.
import type { Piece } from '../piece.js';
import { melodicNotes } from './pitch.js';

export interface Bar {
  start: number;
  length: number;
  numerator: number;
  denominator: number;
}

/** The bars of the meter map, from tick 0 until `end` (at least one bar). */
export function barsOf(piece: Piece, end: number): Bar[] {
  const meters = piece.timeSignatures.length > 0 ? piece.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }];
  const bars: Bar[] = [];
  for (let start = 0, m = 0; bars.length === 0 || start < end; ) {
    while (m + 1 < meters.length && meters[m + 1].tick <= start) m++;
    const { numerator, denominator } = meters[m];
    const length = (numerator * 4 * piece.ppq) / denominator;
    bars.push({ start, length, numerator, denominator });
    start += length;
  }
  return bars;
}

const endOf = (piece: Piece) =>
  piece.tracks.flatMap((t) => t.notes).reduce((e, n) => Math.max(e, n.start + n.duration), 0);

/** Share of beats (quarter notes, up to the last note's end) during which no melodic note sounds
 * (MusPy's empty-beat rate; a note sounds in the beats its half-open span [start, end) touches). */
export function emptyBeatRate(piece: Piece): number {
  const beats = Math.ceil(endOf(piece) / piece.ppq);
  if (beats === 0) return NaN;
  const busy = new Uint8Array(beats);
  for (const note of melodicNotes(piece)) {
    busy.fill(1, Math.floor(note.start / piece.ppq), Math.ceil((note.start + note.duration) / piece.ppq));
  }
  return busy.reduce((empty, b) => empty + (b ? 0 : 1), 0) / beats;
}

/** Groove consistency (Wu & Yang 2020, MusPy): 1 − mean over neighbouring bars of the Hamming
 * distance between their binary onset vectors (one slot per `resolution`-th of a quarter note, all
 * tracks) divided by the slots in a bar. Bars of different lengths are compared over the longer
 * one, the shorter padded with zeros (our extension to meter changes). */
export function grooveConsistency(piece: Piece, resolution = 4): number {
  const bars = barsOf(piece, endOf(piece));
  if (bars.length < 2) return NaN;
  const slot = piece.ppq / resolution;
  const onsets = bars.map((bar) => new Uint8Array(Math.round(bar.length / slot)));
  for (const note of piece.tracks.flatMap((t) => t.notes)) {
    const b = bars.findIndex((bar) => note.start < bar.start + bar.length);
    onsets[b][Math.floor((note.start - bars[b].start) / slot)] = 1;
  }
  let total = 0;
  for (let i = 1; i < bars.length; i++) {
    const [a, b] = [onsets[i - 1], onsets[i]];
    const slots = Math.max(a.length, b.length);
    let distance = 0;
    for (let s = 0; s < slots; s++) distance += (a[s] ?? 0) === (b[s] ?? 0) ? 0 : 1;
    total += distance / slots;
  }
  return 1 - total / (bars.length - 1);
}

/** Meter adherence (after the lead-sheet paper's time-signature adherence, reconstructed): the share of
 * bars holding a melodic onset in which every note starting in the bar also ends by the bar line, and,
 * with `meter` given, the bar's meter is that one. */
export function meterAdherence(piece: Piece, meter?: [number, number]): number {
  const notes = melodicNotes(piece);
  const bars = barsOf(piece, endOf(piece));
  let used = 0,
    kept = 0;
  for (const bar of bars) {
    const inBar = notes.filter((n) => n.start >= bar.start && n.start < bar.start + bar.length);
    if (inBar.length === 0) continue;
    used++;
    const fits = inBar.every((n) => n.start + n.duration <= bar.start + bar.length);
    const right = meter === undefined || (bar.numerator === meter[0] && bar.denominator === meter[1]);
    if (fits && right) kept++;
  }
  return used === 0 ? NaN : kept / used;
}
