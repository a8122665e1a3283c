// The default segment embedding of theme retrieval: fixed (nothing to train) and invariant to
// transposition. A bar is cut into `grid` equal cells; cell s holds an onset flag and, where a
// note starts, its pitch relative to the bar's mean pitch in octaves:
//   e = [o_0 … o_{G−1}, r_0 … r_{G−1}],  o_s = 1[a note starts in s],  r_s = (pitch − mean)/12
// Transposing a bar shifts every pitch and the mean alike, so e is unchanged; onsets are rounded
// to the nearest cell, so jitter under half a cell changes nothing. The Theme Transformer paper
// learns this map contrastively instead (contrastive.ts offers that as an option).
import type { BarSegment } from './bars.js';

export function barEmbedding(segment: BarSegment, grid = 16): Float64Array {
  const embedding = new Float64Array(2 * grid);
  const { notes, start, end } = segment;
  if (notes.length === 0) return embedding;
  const mean = notes.reduce((sum, n) => sum + n.pitch, 0) / notes.length;
  for (const note of notes) {
    const cell = Math.min(grid - 1, Math.round(((note.start - start) / (end - start)) * grid));
    embedding[cell] = 1;
    embedding[grid + cell] = (note.pitch - mean) / 12;
  }
  return embedding;
}
