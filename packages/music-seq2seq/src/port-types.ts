// The port types @sous/music-seq2seq adds and the value each carries into a node's `run`.
import type { Piece } from './piece.js';
import type { Themes } from './theme/themes.js';

/** A set of pieces with a name for each (a file path, or "synthetic 3"). */
export interface Pieces {
  pieces: Piece[];
  names: string[];
}

/** A corpus split three ways. */
export interface PieceSplits {
  train: Pieces;
  val: Pieces;
  test: Pieces;
}

declare module '@sous/core' {
  interface PortValues {
    Pieces: Pieces;
    PieceSplits: PieceSplits;
    Themes: Themes;
  }
}

export const portTypes = {
  Pieces: { doc: 'Pieces of symbolic music (notes, tracks, tempo and meter maps in MIDI ticks), each with a name.' },
  PieceSplits: { doc: 'A corpus of pieces split into train, val and test (members train, val, test, each Pieces).' },
  Themes: {
    doc: 'Retrieved themes, one per piece of a set: the bars of each piece, the bars where its theme occurs, and each bar’s cluster label.',
  },
};
