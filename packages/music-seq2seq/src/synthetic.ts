// Seeded random pieces for tests and toy corpora: notes drawn from a major scale at random onsets
// (off the grid unless `grid` is given), chords now and then, with tempo and meter changes.
import type { Rng } from '@sous/core';
import type { Note, Piece, TempoChange, TimeSignatureChange, Track } from './piece.js';

export interface SyntheticOptions {
  /** Bars of 4/4-length (the meter map may change the actual bar count). */
  bars: number;
  ppq: number;
  /** Melodic tracks (programs drawn at random). */
  tracks: number;
  /** Add a drum track. */
  drums: boolean;
  /** Notes per melodic track per bar, on average. */
  density: number;
  /** Onsets and durations on multiples of this many ticks (0: anywhere). */
  grid: number;
  /** Draw tempo and meter changes. */
  changes: boolean;
}

const majorScale = [0, 2, 4, 5, 7, 9, 11];
const meters: Array<[number, number]> = [
  [4, 4],
  [3, 4],
  [6, 8],
  [2, 4],
];

export function syntheticPiece(rng: Rng, options: Partial<SyntheticOptions> = {}): Piece {
  const o: SyntheticOptions = {
    bars: 4,
    ppq: 480,
    tracks: 1,
    drums: false,
    density: 6,
    grid: 0,
    changes: true,
    ...options,
  };
  const length = o.bars * 4 * o.ppq;
  const snap = (tick: number) => (o.grid > 0 ? Math.round(tick / o.grid) * o.grid : Math.round(tick));
  const tick = () => snap(rng.uniform() * length);
  const tempos: TempoChange[] = [{ tick: 0, bpm: 60 + rng.int(120) }];
  const timeSignatures: TimeSignatureChange[] = [{ tick: 0, numerator: 4, denominator: 4 }];
  if (o.changes) {
    for (let i = rng.int(3); i > 0; i--) tempos.push({ tick: tick(), bpm: 50 + rng.uniform() * 150 });
    for (let i = rng.int(3); i > 0; i--) {
      const [numerator, denominator] = meters[rng.int(meters.length)];
      timeSignatures.push({ tick: tick(), numerator, denominator });
    }
  }
  const key = rng.int(12);
  const tracks: Track[] = [];
  const noteCount = () => Math.max(1, Math.round(o.density * o.bars * (0.5 + rng.uniform())));
  for (let t = 0; t < o.tracks; t++) {
    const notes: Note[] = [];
    const base = 48 + 12 * (t % 3);
    for (let i = noteCount(); i > 0; i--) {
      const start = tick();
      const duration = Math.max(o.grid || 1, snap((0.1 + rng.uniform() * 2) * o.ppq));
      const root = base + key + majorScale[rng.int(7)] + 12 * rng.int(2);
      const chord = rng.uniform() < 0.2 ? [0, 4, 7] : [0];
      for (const interval of chord) {
        notes.push({ pitch: Math.min(127, root + interval), velocity: 1 + rng.int(127), start, duration });
      }
    }
    tracks.push({ name: `track ${t + 1}`, program: rng.int(128), isDrum: false, notes: sortNotes(notes) });
  }
  if (o.drums) {
    const notes = Array.from({ length: noteCount() }, () => ({
      pitch: [36, 38, 42, 46][rng.int(4)],
      velocity: 60 + rng.int(60),
      start: tick(),
      duration: Math.max(o.grid || 1, snap(o.ppq / 4)),
    }));
    tracks.push({ name: 'drums', program: 0, isDrum: true, notes: sortNotes(notes) });
  }
  return {
    ppq: o.ppq,
    tempos: tempos.sort((a, b) => a.tick - b.tick),
    timeSignatures: timeSignatures.sort((a, b) => a.tick - b.tick),
    tracks,
  };
}

export const sortNotes = (notes: Note[]) => notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
