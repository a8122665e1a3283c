// Hand-built pieces for the tests: one piano track of notes given as [pitch, start tick].
import { maxOf, type Rollouts, type Tokenizer } from '@sous/core';
import type { Piece } from '../src/piece.js';

export function pieceOf(notes: [pitch: number, start: number][], drums: [number, number][] = []): Piece {
  const track = (name: string, isDrum: boolean, list: [number, number][]) => ({
    name,
    program: 0,
    isDrum,
    notes: list.map(([pitch, start]) => ({ pitch, velocity: 80, start, duration: 120 })),
  });
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [track('piano', false, notes), ...(drums.length > 0 ? [track('drums', true, drums)] : [])],
  };
}

/** Rollouts holding `rows` (prompt [BOS] each, the completion after it, padded with the
 * tokenizer's pad), as a sampler lays them out: what music.decode and music.style_scorer read. */
export function rolloutsOf(rows: number[][], tokenizer: Tokenizer): Rollouts {
  const length = maxOf(rows.map((r) => r.length));
  const tokens = new Int32Array(rows.length * length).fill(tokenizer.pad ?? 0);
  rows.forEach((row, i) => tokens.set(row, i * length));
  return {
    kind: 'rollouts',
    size: rows.length,
    length,
    tokens,
    promptLength: Int32Array.from(rows, () => 1),
    completionLength: Int32Array.from(rows, (r) => r.length - 1),
    vocab: tokenizer,
  } as unknown as Rollouts;
}
