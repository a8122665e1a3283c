// Hand-built pieces for the tests: one piano track of notes given as [pitch, start tick].
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
