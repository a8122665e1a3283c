// The port types @sous/music-seq2seq adds and the value each carries into a node's `run`.
import type { Dataset } from '@sous/core';
import type { Piece } from './piece.js';
import type { Themes } from './theme/themes.js';
import type { RemiVocabulary } from './tokenizers/vocabulary.js';

/** A set of pieces with a name for each (a file path, or "synthetic 3"). */
export interface Pieces {
  pieces: Piece[];
  names: string[];
  /** Bars (from 0) where each piece's theme was planted, when known (music.planted_motifs). */
  themeBars?: number[][];
}

/** A corpus split three ways. */
export interface PieceSplits {
  train: Pieces;
  val: Pieces;
  test: Pieces;
}

/** A corpus as token sequences a language model trains on (music.tokenize). Each split is a
 * Dataset of examples with an empty prompt and the piece's token names as the answer, so
 * samplers.dataset makes teacher-forcing batches of BOS + tokens + EOS; `vocab` is the REMI
 * vocabulary, the model's tokenizer, carrying the grammar samplers enforce. */
export interface MusicTokens {
  train: Dataset;
  val: Dataset;
  test: Dataset;
  vocab: RemiVocabulary;
}

/** Training rows of Theme Transformer and of its prompt-conditioned baseline (music.theme_rows):
 * `seq2seq` rows for models.seq2seq (the theme as the source, the piece with theme-region flags as
 * the target), `prompted` rows for models.gpt (the theme as a prefix, then the piece), and `vocab`,
 * the REMI vocabulary with the two flag tokens. Every example carries `theme` (the theme's tokens). */
export interface ThemeRows {
  seq2seq: Dataset;
  prompted: Dataset;
  vocab: RemiVocabulary;
}

declare module '@sous/core' {
  interface PortValues {
    ThemeRows: ThemeRows;
    Pieces: Pieces;
    PieceSplits: PieceSplits;
    Themes: Themes;
    MusicTokens: MusicTokens;
  }
}

export const portTypes = {
  Pieces: { doc: 'Pieces of symbolic music (notes, tracks, tempo and meter maps in MIDI ticks), each with a name.' },
  PieceSplits: { doc: 'A corpus of pieces split into train, val and test (members train, val, test, each Pieces).' },
  Themes: {
    doc: 'Retrieved themes, one per piece of a set: the bars of each piece, the bars where its theme occurs, and each bar’s cluster label.',
  },
  ThemeRows: {
    doc:
      'Theme-conditioned training rows (music.theme_rows): members seq2seq (theme as the source, the piece with ' +
      'Theme_start/Theme_end flags around each theme occurrence as the target), prompted (theme as a prefix, then ' +
      'the piece, for a decoder-only baseline) and vocab (the REMI vocabulary with the flags).',
  },
  MusicTokens: {
    doc:
      'A corpus as REMI token sequences for a language model: members train, val and test (Datasets whose ' +
      'examples have an empty prompt and the tokens as the answer, for samplers.dataset and samplers.prompts) ' +
      "and vocab (the REMI vocabulary as the model's Tokenizer, with the grammar the samplers enforce).",
  },
};
