// Synthetic lead sheets for affect-conditioned generation: chord progressions from mode-dependent
// Markov chains (major for the positive condition, minor for the negative one, a mode mixing both
// for the neutral one), meters 3/4 and 4/4, phrase plans such as AABA or ABAB (a repeated letter repeats its
// bars), and melodies drawn from the tones of the chord under each note. Durations are in beats
// (quarter notes); a bar of n/d lasts 4n/d beats.
import type { Rng } from '@sous/core';
import type { ChordQuality, ValenceBin } from './valence.js';

export interface Chord {
  /** Pitch class of the root, 0 = C. */
  root: number;
  quality: ChordQuality;
  beats: number;
}

export interface MelodyNote {
  pitch: number;
  beats: number;
}

export interface Bar {
  chords: Chord[];
  melody: MelodyNote[];
}

export interface LeadSheet {
  /** The valence condition it was written for. */
  valence: ValenceBin;
  meter: readonly [numerator: number, denominator: number];
  /** Phrase letters, e.g. "AABA". */
  plan: string;
  barsPerPhrase: number;
  bars: Bar[];
}

/** Beats (quarter notes) in a bar of the meter. */
export function barBeats([numerator, denominator]: readonly [number, number]): number {
  return (4 * numerator) / denominator;
}

/** Semitones above the root of each quality's chord tones. */
export const CHORD_TONES: Readonly<Record<ChordQuality, readonly number[]>> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dom7: [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  min7: [0, 3, 7, 10],
  dim: [0, 3, 6],
  hdim7: [0, 3, 6, 10],
  aug: [0, 4, 8],
  sus4: [0, 5, 7],
};

/** The seven diatonic chords (root pitch class, quality) of each mode, by scale degree. */
const MODES: Readonly<Record<ValenceBin, readonly (readonly [number, ChordQuality])[]>> = {
  positive: [
    [0, 'maj'],
    [2, 'sus4'],
    [4, 'min7'],
    [5, 'maj'],
    [7, 'dom7'],
    [9, 'min7'],
    [11, 'hdim7'],
  ],
  negative: [
    [0, 'min'],
    [2, 'dim'],
    [3, 'maj'],
    [5, 'min'],
    [7, 'min7'],
    [8, 'maj'],
    [10, 'dom7'],
  ],
  neutral: [
    [0, 'min7'],
    [2, 'min7'],
    [3, 'maj'],
    [5, 'dom7'],
    [7, 'sus4'],
    [9, 'hdim7'],
    [10, 'maj7'],
  ],
};

/** Transition weights between scale degrees, shared by the modes (I–IV–V–I and ii–V–I favoured). */
const DEGREE_TRANSITIONS: readonly (readonly number[])[] = [
  [0, 1, 1, 3, 3, 2, 0],
  [0, 0, 0, 0, 4, 0, 1],
  [0, 0, 0, 2, 0, 3, 0],
  [2, 1, 0, 0, 3, 0, 1],
  [5, 0, 0, 0, 0, 2, 0],
  [0, 2, 0, 3, 1, 0, 0],
  [4, 0, 1, 0, 0, 0, 0],
];

/** Melody rhythms per bar length in beats. */
const RHYTHMS: Readonly<Record<number, readonly (readonly number[])[]>> = {
  3: [[1, 1, 1], [2, 1], [1, 2], [3], [1.5, 0.5, 1]],
  4: [[1, 1, 1, 1], [2, 1, 1], [1, 1, 2], [2, 2], [1.5, 0.5, 2], [4]],
};

export const METERS = { '3/4': [3, 4], '4/4': [4, 4] } as const;

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[rng.int(items.length)];
}

function nextDegree(degree: number, rng: Rng): number {
  const weights = DEGREE_TRANSITIONS[degree];
  let u = rng.uniform() * weights.reduce((a, b) => a + b, 0);
  for (let next = 0; next < weights.length; next++) if ((u -= weights[next]) < 0) return next;
  return 0;
}

/** One phrase: `bars` bars of chords walking the mode's chain from `degree`, each 4/4 bar
 * split into two 2-beat chords half of the time, and a chord-tone melody (octave above C4). */
function phrase(valence: ValenceBin, beats: number, bars: number, rng: Rng): Bar[] {
  let degree = 0;
  return Array.from({ length: bars }, () => {
    const lengths = beats === 4 && rng.uniform() < 0.5 ? [2, 2] : [beats];
    const chords = lengths.map((length) => {
      const [root, quality] = MODES[valence][degree];
      degree = nextDegree(degree, rng);
      return { root, quality, beats: length };
    });
    let at = 0;
    const melody = pick(RHYTHMS[beats], rng).map((length) => {
      let end = 0;
      const { root, quality } = chords.find((chord) => (end += chord.beats) > at)!;
      at += length;
      return { pitch: 72 + root + pick(CHORD_TONES[quality], rng), beats: length };
    });
    return { chords, melody };
  });
}

/** A lead sheet for the valence condition, meter and phrase plan. */
export function composeLeadSheet(
  valence: ValenceBin,
  meter: readonly [number, number],
  plan: string,
  barsPerPhrase: number,
  rng: Rng,
): LeadSheet {
  const phrases = new Map<string, Bar[]>();
  for (const letter of plan)
    if (!phrases.has(letter)) phrases.set(letter, phrase(valence, barBeats(meter), barsPerPhrase, rng));
  return { valence, meter, plan, barsPerPhrase, bars: [...plan].flatMap((letter) => phrases.get(letter)!) };
}

/** The encoder's condition tokens: [VAL=bin, TS=n/d, PHRASE=<letter><bars> per phrase]. */
export function condTokens(sheet: Pick<LeadSheet, 'valence' | 'meter' | 'plan' | 'barsPerPhrase'>): string[] {
  return [
    `VAL=${sheet.valence}`,
    `TS=${sheet.meter[0]}/${sheet.meter[1]}`,
    ...[...sheet.plan].map((letter) => `PHRASE=${letter}${sheet.barsPerPhrase}`),
  ];
}
