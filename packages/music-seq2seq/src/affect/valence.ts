// Chord valence after "Generating Lead Sheets with Affect" (Makris, Agres and Herremans, 2021):
// each chord quality carries mood tags, each tag a valence in {−1, 0, +1}; a quality's valence is
// the mean over its tags, and a progression's is the duration-weighted mean of its chords',
// binned into negative, neutral and positive. RECONSTRUCTED: the paper's expert tag lists are not
// reproduced here; the tags below are our own stand-in with the same structure (major-like
// qualities positive, minor and diminished ones negative, suspended and seventh colours between).

/** The chord qualities a lead sheet uses. */
export const CHORD_QUALITIES = ['maj', 'min', 'dom7', 'maj7', 'min7', 'dim', 'hdim7', 'aug', 'sus4'] as const;
export type ChordQuality = (typeof CHORD_QUALITIES)[number];

/** Valence of each mood tag. */
export const TAG_VALENCE: Readonly<Record<string, -1 | 0 | 1>> = {
  happy: 1,
  bright: 1,
  warm: 1,
  hopeful: 1,
  calm: 0,
  tense: 0,
  dreamy: 0,
  mysterious: 0,
  sad: -1,
  dark: -1,
  anxious: -1,
};

/** Mood tags of each chord quality (reconstructed, see above). */
export const QUALITY_TAGS: Readonly<Record<ChordQuality, readonly string[]>> = {
  maj: ['happy', 'bright'],
  min: ['sad', 'dark'],
  dom7: ['bright', 'tense'],
  maj7: ['warm', 'dreamy'],
  min7: ['sad', 'calm'],
  dim: ['dark', 'anxious', 'tense'],
  hdim7: ['sad', 'dark', 'tense'],
  aug: ['mysterious', 'tense', 'anxious'],
  sus4: ['hopeful', 'calm'],
};

/** v(c) = mean over the quality's tags of the tag's valence. */
export function chordValence(quality: ChordQuality): number {
  const tags = QUALITY_TAGS[quality];
  return tags.reduce((sum, tag) => sum + TAG_VALENCE[tag], 0) / tags.length;
}

/** V = Σ d_j v(c_j) / Σ d_j over the chords of a progression; NaN for an empty one. */
export function progressionValence(chords: readonly { quality: ChordQuality; beats: number }[]): number {
  let weighted = 0;
  let total = 0;
  for (const { quality, beats } of chords) {
    weighted += beats * chordValence(quality);
    total += beats;
  }
  return total > 0 ? weighted / total : NaN;
}

export const VALENCE_BINS = ['negative', 'neutral', 'positive'] as const;
export type ValenceBin = (typeof VALENCE_BINS)[number];

/** negative below `low`, positive above `high`, neutral between (both ends included). */
export function valenceBin(valence: number, [low, high]: readonly [number, number]): ValenceBin {
  return valence < low ? 'negative' : valence > high ? 'positive' : 'neutral';
}
