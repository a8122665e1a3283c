// Chord recognition by pitch-class set (as MidiTok's chord tokens do): a set of sounding pitch
// classes is a chord when it equals one quality's template transposed to some root.

/** Quality name → intervals above the root, in semitones. */
export const chordQualities: Record<string, number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  sus2: [0, 2, 7],
  sus4: [0, 5, 7],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  min7: [0, 3, 7, 10],
};

export const pitchClassNames = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

export interface Chord {
  /** Pitch class of the root, 0 = C. */
  root: number;
  quality: string;
}

/** The chord the pitches form (qualities tried in the table's order, roots from C up), or undefined. */
export function detectChord(pitches: Iterable<number>): Chord | undefined {
  const classes = new Set<number>();
  for (const pitch of pitches) classes.add(((pitch % 12) + 12) % 12);
  for (const [quality, intervals] of Object.entries(chordQualities)) {
    if (intervals.length !== classes.size) continue;
    for (let root = 0; root < 12; root++) {
      if (intervals.every((interval) => classes.has((root + interval) % 12))) return { root, quality };
    }
  }
  return undefined;
}

export const chordName = (chord: Chord) => `${pitchClassNames[chord.root]}:${chord.quality}`;
