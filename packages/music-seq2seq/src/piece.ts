// The in-memory form of a piece of symbolic music that every node of this package reads and
// writes: MIDI files are parsed into it, tokenizers encode and decode it, metrics and the
// bootleg-score rasteriser read it. Times are in ticks of `ppq` ticks per quarter note, as in
// a standard MIDI file, so nothing is lost between parsing and writing back.

/** One sounding note. */
export interface Note {
  /** MIDI pitch, 0–127 (60 = middle C). */
  pitch: number;
  /** MIDI velocity, 1–127. */
  velocity: number;
  /** Onset in ticks from the start of the piece. */
  start: number;
  /** Length in ticks (> 0). */
  duration: number;
}

/** One instrument part. */
export interface Track {
  name: string;
  /** General MIDI program number, 0–127. */
  program: number;
  /** Drum tracks (MIDI channel 10) are kept apart: their pitches name instruments. */
  isDrum: boolean;
  /** Notes sorted by start, then pitch. */
  notes: Note[];
}

/** A tempo change at a tick: quarter notes per minute from there on. */
export interface TempoChange {
  tick: number;
  bpm: number;
}

/** A time-signature change at a tick (4/4 → numerator 4, denominator 4). */
export interface TimeSignatureChange {
  tick: number;
  numerator: number;
  denominator: number;
}

/** A whole piece: tracks plus the tempo and meter maps, sorted by tick. */
export interface Piece {
  /** Ticks per quarter note. */
  ppq: number;
  tempos: TempoChange[];
  timeSignatures: TimeSignatureChange[];
  tracks: Track[];
}
