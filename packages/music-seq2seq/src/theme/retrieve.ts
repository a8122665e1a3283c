// Theme retrieval (Shih et al. 2022): cut the melody into bars, embed each bar, cluster the
// embeddings by density (DBSCAN); the theme is the cluster with the most members, and each member
// bar is one occurrence of it. Bars with fewer than `minNotes` melody notes are not candidates
// (empty or near-empty bars all look alike and would win as a "theme").
import type { Piece } from '../piece.js';
import { barSegments, type BarSegment } from './bars.js';
import { dbscan } from './dbscan.js';
import { barEmbedding } from './embedding.js';

export interface ThemeRetrievalOptions {
  /** DBSCAN radius in embedding space (default 0.5; the fixed embedding's onset flags are 0/1). */
  eps?: number;
  /** Bars a theme needs at least (DBSCAN's minPoints, default 2). */
  minOccurrences?: number;
  /** Melody notes a bar needs to be a candidate (default 2). */
  minNotes?: number;
  /** Melody track (default: the first non-drum track with notes). */
  track?: number;
  /** Segment embedding (default barEmbedding, fixed and transposition-invariant). */
  embed?: (segment: BarSegment) => ArrayLike<number>;
}

export interface ThemeRetrieval {
  /** Every bar of the melody. */
  bars: BarSegment[];
  /** Bar numbers of the theme's occurrences, ascending (empty when no cluster formed). */
  occurrences: number[];
  /** Cluster label per bar (−1: noise or not a candidate). */
  labels: number[];
}

export function retrieveTheme(piece: Piece, options: ThemeRetrievalOptions = {}): ThemeRetrieval {
  const { eps = 0.5, minOccurrences = 2, minNotes = 2, track, embed = (s: BarSegment) => barEmbedding(s) } = options;
  const bars = barSegments(piece, track);
  const candidates = bars.filter((b) => b.notes.length >= minNotes);
  const candidateLabels = dbscan(candidates.map(embed), eps, minOccurrences);
  const labels = new Array<number>(bars.length).fill(-1);
  candidates.forEach((b, i) => (labels[b.bar] = candidateLabels[i]));
  const sizes = new Map<number, number>();
  for (const label of candidateLabels) if (label >= 0) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  // Largest cluster; on a tie the one found first (its first bar is earliest).
  let theme = -1;
  for (const [label, size] of sizes) if (theme < 0 || size > sizes.get(theme)!) theme = label;
  const occurrences = bars.filter((b) => labels[b.bar] === theme && theme >= 0).map((b) => b.bar);
  return { bars, occurrences, labels };
}

/** Precision, recall and F1 of retrieved bar numbers against the planted ones. */
export function retrievalF1(
  retrieved: readonly number[],
  planted: readonly number[],
): { precision: number; recall: number; f1: number } {
  const truth = new Set(planted);
  const hits = retrieved.filter((bar) => truth.has(bar)).length;
  const precision = retrieved.length === 0 ? 0 : hits / retrieved.length;
  const recall = planted.length === 0 ? 0 : hits / planted.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
