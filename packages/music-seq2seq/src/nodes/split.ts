// A deterministic three-way split of named pieces, shared by the corpus nodes.
import { Rng } from '@sous/core';
import { z } from 'zod';
import type { Piece } from '../piece.js';
import type { PieceSplits } from '../port-types.js';

export const splitParams = {
  train: z.number().min(0).default(0.8).describe('Share of the pieces for train (the three shares are normalised).'),
  val: z.number().min(0).default(0.1).describe('Share of the pieces for val.'),
  test: z.number().min(0).default(0.1).describe('Share of the pieces for test.'),
  seed: z.number().int().default(0).describe('Seed of the shuffle before splitting.'),
};

export const SPLIT_MEMBERS = { train: 'Pieces', val: 'Pieces', test: 'Pieces' } as const;

/** Shuffles by `seed` (Fisher–Yates), then cuts at the shares: val and test get round(share · n), train the
 * rest; planted theme bars, when given, travel with their pieces. */
export function splitPieces(
  pieces: Piece[],
  names: string[],
  split: { train: number; val: number; test: number },
  seed: number,
  themeBars?: number[][],
): PieceSplits {
  const rng = new Rng(`split ${seed}`);
  const order = pieces.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const total = split.train + split.val + split.test || 1;
  const val = Math.round((split.val / total) * pieces.length);
  const test = Math.min(pieces.length - val, Math.round((split.test / total) * pieces.length));
  const part = (from: number, to: number) => ({
    pieces: order.slice(from, to).map((i) => pieces[i]),
    names: order.slice(from, to).map((i) => names[i]),
    ...(themeBars && { themeBars: order.slice(from, to).map((i) => themeBars[i]) }),
  });
  return { train: part(val + test, pieces.length), val: part(0, val), test: part(val, val + test) };
}
