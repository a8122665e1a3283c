// The port types of the composer-style and affect nodes, and the TypeScript value each carries.
import type { Dataset } from '@sous/core';
import type { LeadSheet } from './affect/leadsheet.js';
import type { LeadSheetVocabulary } from './affect/tokens.js';
import type { Piece } from './piece.js';
import type { PieceSplits } from './port-types.js';

/** Pieces with a class label each (a composer, a valence bin): one split of a corpus. */
export interface LabelledPieces {
  readonly kind: 'labelled-pieces';
  readonly pieces: Piece[];
  /** [count] class index per piece. */
  readonly labels: Int32Array;
  /** Class names, indexed by label. */
  readonly classes: readonly string[];
}

/** A generated corpus: its train and test splits, labelled, and the same pieces unlabelled (for
 * music.tokenize: `pieces.train` and `pieces.test`, `pieces.val` empty). */
export interface Corpus {
  readonly kind: 'corpus';
  readonly train: LabelledPieces;
  readonly test: LabelledPieces;
  readonly pieces: PieceSplits;
}

/** Labelled single-channel images of one size (bootleg-score windows). */
export interface Images {
  readonly kind: 'images';
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** Row-major [count, height, width]. */
  readonly pixels: Float32Array;
  /** [count] class index per image. */
  readonly labels: Int32Array;
  readonly classes: readonly string[];
}

/** Lead sheets (chords and melody by bar) with the valence, meter and phrase plan each was written for. */
export interface LeadSheets {
  readonly kind: 'leadsheets';
  readonly sheets: LeadSheet[];
}

/** Lead sheets as seq2seq rows (music.leadsheet_rows): each example's prompt is the condition tokens
 * padded to the source length then the start token, its answer the sheet's tokens. */
export interface LeadSheetRows {
  readonly kind: 'leadsheet-rows';
  readonly train: Dataset;
  readonly test: Dataset;
  readonly vocab: LeadSheetVocabulary;
}

declare module '@sous/core' {
  interface PortValues {
    LabelledPieces: LabelledPieces;
    Corpus: Corpus;
    Images: Images;
    LeadSheets: LeadSheets;
    LeadSheetRows: LeadSheetRows;
  }
}

export const stylePortTypes = {
  LabelledPieces: {
    doc: 'Pieces of music with a class label each (a composer, a valence bin): one split of a corpus.',
  },
  Corpus: {
    doc: 'A generated corpus of labelled pieces: its splits train and test, and the same pieces unlabelled as pieces (PieceSplits, for music.tokenize; its val split is empty).',
  },
  Images: { doc: 'Labelled binary images of one size, e.g. 62 × 64 bootleg-score windows.' },
  LeadSheets: {
    doc: 'Lead sheets (chords and melody by bar) with the valence bin, meter and phrase plan each was written for.',
  },
  LeadSheetRows: {
    doc:
      'Lead sheets as encoder–decoder rows: members train and test (Datasets: the condition tokens padded to the ' +
      "source length, then the start token, as the prompt; the sheet's tokens as the answer) and vocab (the " +
      "lead-sheet vocabulary, the model's tokenizer, with the grammar the samplers enforce).",
  },
};
