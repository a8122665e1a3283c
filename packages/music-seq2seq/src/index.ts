// @sous/music-seq2seq: symbolic music as recipe nodes — MIDI in and out (@tonejs/midi), REMI and
// compound-word tokens with a grammar, corpora, objective metrics, theme retrieval, bootleg scores
// with a composer-style CNN (and it as a style scorer of sampled pieces), and lead sheets with
// affect. One node per file in nodes/.
import { definePlugin } from '@sous/core';
import { portTypes } from './port-types.js';
import { stylePortTypes } from './style-port-types.js';
import { featureDistance } from './nodes/feature_distance.js';
import { metrics } from './nodes/metrics.js';
import { midiFolder } from './nodes/midi_folder.js';
import { synthetic } from './nodes/synthetic.js';
import { themeRetrieval } from './nodes/theme_retrieval.js';
import { plantedMotifs } from './nodes/planted_motifs.js';
import { themeRows } from './nodes/theme_rows.js';
import { themeF1 } from './nodes/theme_f1.js';
import { melodyMatchNode } from './nodes/melody_match.js';
import { bootleg } from './nodes/bootleg.js';
import { bootlegCnn } from './nodes/bootleg_cnn.js';
import { classifierAccuracy } from './nodes/classifier_accuracy.js';
import { classifierNll } from './nodes/classifier_nll.js';
import { composers } from './nodes/composers.js';
import { condTokensNode } from './nodes/cond_tokens.js';
import { imageBatch } from './nodes/image_batch.js';
import { leadsheetMetrics } from './nodes/leadsheet_metrics.js';
import { leadsheets } from './nodes/leadsheets.js';
import { valence } from './nodes/valence.js';
import { leadsheetRows } from './nodes/leadsheet_rows.js';
import { leadsheetDecode } from './nodes/leadsheet_decode.js';
import { leadsheetPieces } from './nodes/leadsheet_pieces.js';
import { tokenize } from './nodes/tokenize.js';
import { decode } from './nodes/decode.js';
import { save } from './nodes/save.js';
import { styleScorer } from './nodes/style_scorer.js';

export type { Note, Piece, TempoChange, TimeSignatureChange, Track } from './piece.js';
export type { MusicTokens, Pieces, PieceSplits, ThemeRows } from './port-types.js';
export { readMidi, MidiFileError } from './midi/read.js';
export { writeMidi } from './midi/write.js';
export { syntheticPiece, type SyntheticOptions } from './synthetic.js';
export { tokenizerConfig, defaultTokenizerConfig, type TokenizerConfig } from './tokenizers/config.js';
export { quantise } from './tokenizers/quantise.js';
export { RemiTokenizer, THEME_START, THEME_END, type RemiState, type DecodeReport } from './tokenizers/remi.js';
export { CpTokenizer, type CpWord } from './tokenizers/cp.js';
export { RemiVocabulary } from './tokenizers/vocabulary.js';
export { pianoRollSvg } from './piano-roll.js';
export { findAudioRenderer, renderAudio, type AudioRenderer } from './audio.js';
export { detectChord, type Chord } from './chords.js';
export * from './metrics/pitch.js';
export * from './metrics/rhythm.js';
export * from './metrics/chords.js';
export * from './metrics/distributions.js';
export { barSegments, skyline, type BarSegment } from './theme/bars.js';
export { barEmbedding } from './theme/embedding.js';
export { dbscan } from './theme/dbscan.js';
export { retrieveTheme, retrievalF1, type ThemeRetrieval, type ThemeRetrievalOptions } from './theme/retrieve.js';
export {
  trainContrastiveEncoder,
  infoNce,
  type ContrastiveEncoder,
  type ContrastiveOptions,
} from './theme/contrastive.js';
export { themeRow, barTokenStarts, type ThemeRow } from './theme/rows.js';
export { melodyMatch, editDistance, pitchIntervals, type MelodyMatch } from './theme/melody.js';
export { plantedMotifPiece, type PlantedMotifOptions, type PlantedMotifPiece } from './theme/synthetic.js';
export type { Themes } from './theme/themes.js';

export type { Corpus, Images, LabelledPieces, LeadSheetRows, LeadSheets } from './style-port-types.js';
export type { LeadSheet } from './affect/leadsheet.js';
export { LeadSheetVocabulary, type LeadSheetState, type LeadSheetTokenOptions } from './affect/tokens.js';
export { leadSheetPiece } from './affect/piece.js';
export { bootlegScore, bootlegWindows, type BootlegScore } from './bootleg/rasterise.js';
export { staffRows } from './bootleg/staff.js';
export { BootlegCnn } from './bootleg/cnn.js';

export default definePlugin({
  namespace: 'music',
  types: { ...portTypes, ...stylePortTypes },
  kinds: { transform: 'turns pieces into features: bootleg-score windows, condition tokens' },
  nodes: [
    midiFolder,
    synthetic,
    metrics,
    featureDistance,
    themeRetrieval,
    // Theme Transformer: the planted-motif corpus, its rows, and its evals
    plantedMotifs,
    themeRows,
    themeF1,
    melodyMatchNode,
    // tokens for language models, and generated pieces back out
    tokenize,
    decode,
    save,
    // composer style: synthetic composers, bootleg scores, a CNN classifier
    composers,
    bootleg,
    bootlegCnn,
    imageBatch,
    classifierNll,
    classifierAccuracy,
    styleScorer,
    // lead sheets with affect
    leadsheets,
    valence,
    condTokensNode,
    leadsheetMetrics,
    leadsheetRows,
    leadsheetDecode,
    leadsheetPieces,
  ],
});
