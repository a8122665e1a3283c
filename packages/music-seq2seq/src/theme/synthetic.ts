// Synthetic pieces with a planted theme, the validation corpus of theme retrieval and of the
// theme-conditioned decoder: `bars` bars of 4/4, each bar four notes on a sixteenth-note grid;
// a random 4-note motif fills `occurrences` random bars, each time transposed by a random
// interval, and every other bar is random filler. Onsets are jittered by up to `jitter` ticks.
import type { Rng } from '@sous/core';
import type { Note, Piece } from '../piece.js';

export interface PlantedMotifOptions {
  bars?: number;
  /** Bars holding the motif (default 3 or 4 at random). */
  occurrences?: number;
  /** Largest onset shift in ticks (default ppq/16: a sixty-fourth note). */
  jitter?: number;
  ppq?: number;
}

export interface PlantedMotifPiece {
  piece: Piece;
  /** Bars holding the motif, ascending. */
  themeBars: number[];
}

const SIXTEENTHS_PER_BAR = 16;

/** Four distinct sixteenth-note cells of a bar, ascending, and a pitch per note. */
function randomBar(rng: Rng): { cells: number[]; pitches: number[] } {
  const cells = new Set<number>();
  while (cells.size < 4) cells.add(rng.int(SIXTEENTHS_PER_BAR));
  return { cells: [...cells].sort((a, b) => a - b), pitches: Array.from({ length: 4 }, () => 60 + rng.int(13)) };
}

export function plantedMotifPiece(rng: Rng, options: PlantedMotifOptions = {}): PlantedMotifPiece {
  const { bars = 16, ppq = 480 } = options;
  const occurrences = options.occurrences ?? 3 + rng.int(2);
  const jitter = options.jitter ?? ppq / 16;
  if (occurrences > bars)
    throw new RangeError(`plantedMotifPiece: ${occurrences} occurrences do not fit in ${bars} bars`);
  const sixteenth = ppq / 4;
  const motif = randomBar(rng);
  const themeBars = new Set<number>();
  while (themeBars.size < occurrences) themeBars.add(rng.int(bars));
  const notes: Note[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const planted = themeBars.has(bar);
    const { cells, pitches } = planted ? motif : randomBar(rng);
    const shift = planted ? rng.int(12) - 5 : 0;
    cells.forEach((cell, i) => {
      const onset = (bar * SIXTEENTHS_PER_BAR + cell) * sixteenth;
      const barStart = bar * SIXTEENTHS_PER_BAR * sixteenth;
      const start = Math.max(barStart, onset + Math.round((2 * rng.uniform() - 1) * jitter));
      notes.push({ pitch: pitches[i] + shift, velocity: 80, start, duration: sixteenth });
    });
  }
  notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  return {
    piece: {
      ppq,
      tempos: [{ tick: 0, bpm: 120 }],
      timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
      tracks: [{ name: 'melody', program: 0, isDrum: false, notes }],
    },
    themeBars: [...themeBars].sort((a, b) => a - b),
  };
}
