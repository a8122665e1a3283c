// Synthetic "composers" for composer recognition on CPU: four seeded generators of two-hand piano
// pieces that differ only in their interval and rhythm statistics (the check the PBSCR dataset's
// paper suggests for a classifier over bootleg scores: accuracy far above 1/K when styles differ).
// Every piece is in C major, melody in the right hand, one bass note per beat in the left hand.
import type { Rng } from '@sous/core';
import type { Note, Piece } from '../piece.js';

/** Ticks per quarter note of the generated pieces. */
const PPQ = 480;
const SIXTEENTH = PPQ / 4;
/** Pitch classes of C major. */
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];

/** One composer's habits: weights over melodic steps (in scale degrees) and over note lengths (in sixteenths). */
export interface ComposerStyle {
  readonly name: string;
  readonly steps: Readonly<Record<number, number>>;
  readonly lengths: Readonly<Record<number, number>>;
}

export const COMPOSERS: readonly ComposerStyle[] = [
  { name: 'stepwise', steps: { [-1]: 4, 1: 4, [-2]: 1, 2: 1 }, lengths: { 2: 3, 4: 1 } },
  { name: 'arpeggios', steps: { [-2]: 3, 2: 3, [-4]: 2, 4: 2 }, lengths: { 1: 3, 2: 1 } },
  { name: 'leaps', steps: { [-4]: 2, 4: 2, [-5]: 2, 5: 2, [-7]: 1, 7: 1 }, lengths: { 4: 2, 8: 1 } },
  { name: 'repeats', steps: { 0: 3, [-1]: 2, 1: 2, 3: 1, [-3]: 1 }, lengths: { 3: 2, 1: 2 } },
];

/** A key of `weights` drawn with probability proportional to its weight. */
function draw(weights: Readonly<Record<number, number>>, rng: Rng): number {
  const entries = Object.entries(weights);
  let u = rng.uniform() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    u -= w;
    if (u < 0) return Number(key);
  }
  return Number(entries[entries.length - 1][0]);
}

/** MIDI pitch of a scale degree counted from C4 (degree 0 = 60, 7 = 72). */
function degreePitch(degree: number): number {
  const octave = Math.floor(degree / 7);
  return 60 + 12 * octave + C_MAJOR[degree - 7 * octave];
}

/** A piece by `style` with `notes` melody notes: a walk over scale degrees (reflected at the
 * edges of C4–C6) whose lengths follow the style, over a bass note (C2–B2 range) on every beat. */
export function composePiece(style: ComposerStyle, notes: number, rng: Rng): Piece {
  const melody: Note[] = [];
  let degree = 7 + rng.int(7);
  let tick = 0;
  for (let i = 0; i < notes; i++) {
    const duration = draw(style.lengths, rng) * SIXTEENTH;
    melody.push({ pitch: degreePitch(degree), velocity: 80, start: tick, duration });
    tick += duration;
    degree += draw(style.steps, rng);
    if (degree < 0 || degree > 14) degree = degree < 0 ? -degree : 28 - degree;
  }
  const bass: Note[] = [];
  for (let beat = 0; beat * PPQ < tick; beat++)
    bass.push({ pitch: degreePitch(-14 + rng.int(7)), velocity: 70, start: beat * PPQ, duration: PPQ });
  return {
    ppq: PPQ,
    tempos: [{ tick: 0, bpm: 100 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      { name: 'right hand', program: 0, isDrum: false, notes: melody },
      { name: 'left hand', program: 0, isDrum: false, notes: bass },
    ],
  };
}

/** `count` pieces, composers taken in turn (label = composer index), from a stream fixed by `seed`. */
export function composeCorpus(
  composers: number,
  count: number,
  notes: number,
  rng: Rng,
): { pieces: Piece[]; labels: Int32Array } {
  const labels = Int32Array.from({ length: count }, (_, i) => i % composers);
  return { pieces: Array.from(labels, (label, i) => composePiece(COMPOSERS[label], notes, rng.fork(i))), labels };
}
