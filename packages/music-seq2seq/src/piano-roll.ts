// A piece as a piano-roll SVG: time (quarter notes) to the right, pitch upward, one rectangle per
// note coloured by track, bar lines from the meter map. The run report shows every SVG under
// samples/, so a generated piece can be seen beside its .mid.
import { maxOf, minOf } from '@sous/core';
import type { Piece } from './piece.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
/** Pixels per quarter note (fewer when the piece would be wider than MAX_WIDTH) and per semitone. */
export const PIANO_ROLL = { beat: 16, row: 5, margin: 20, maxWidth: 1600, minRows: 12 } as const;

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bar-line times of `piece` in ticks, up to `end`, from its meter map (4/4 when it has none). */
export function barLines(piece: Piece, end: number): number[] {
  const meters = piece.timeSignatures.length > 0 ? piece.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }];
  const lines: number[] = [];
  let m = 0;
  for (let tick = 0; tick <= end; ) {
    while (m + 1 < meters.length && meters[m + 1].tick <= tick) m++;
    lines.push(tick);
    tick += (meters[m].numerator * 4 * piece.ppq) / meters[m].denominator;
  }
  return lines;
}

export function pianoRollSvg(piece: Piece, title: string): string {
  const notes = piece.tracks.flatMap((track, t) => (track.isDrum ? [] : track.notes.map((note) => ({ note, t }))));
  const { beat, row, margin, maxWidth, minRows } = PIANO_ROLL;
  const end = maxOf([piece.ppq * 4, ...notes.map(({ note }) => note.start + note.duration)]);
  const perTick = Math.min(beat, maxWidth / (end / piece.ppq)) / piece.ppq;
  const low = notes.length ? minOf(notes.map(({ note }) => note.pitch)) - 1 : 59;
  const high = Math.max(notes.length ? maxOf(notes.map(({ note }) => note.pitch)) + 1 : 60, low + minRows - 1);
  const width = Math.ceil(end * perTick) + 2 * margin,
    height = (high - low + 1) * row + 2 * margin;
  const x = (tick: number) => (margin + tick * perTick).toFixed(1);
  const y = (pitch: number) => margin + (high - pitch) * row;
  const bars = barLines(piece, end).map(
    (tick) => `<line x1="${x(tick)}" y1="${margin}" x2="${x(tick)}" y2="${height - margin}" stroke="#ddd"/>`,
  );
  const rects = notes.map(
    ({ note, t }) =>
      `<rect x="${x(note.start)}" y="${y(note.pitch)}" width="${(note.duration * perTick).toFixed(1)}" height="${row}" fill="${PALETTE[t % PALETTE.length]}"/>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${escapeText(title)}</title><rect width="100%" height="100%" fill="#fff"/>` +
    `<text x="${margin}" y="14" font-family="sans-serif" font-size="12">${escapeText(title)}</text>` +
    `${bars.join('')}${rects.join('')}</svg>\n`
  );
}
