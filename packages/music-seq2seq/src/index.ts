// @sous/music-seq2seq: symbolic music as recipe nodes — MIDI in and out (@tonejs/midi), REMI and
// compound-word tokens with a grammar, corpora, and objective metrics. One node per file in nodes/.
import { definePlugin } from '@sous/core';
import { portTypes } from './port-types.js';
import { featureDistance } from './nodes/feature_distance.js';
import { metrics } from './nodes/metrics.js';
import { midiFolder } from './nodes/midi_folder.js';
import { synthetic } from './nodes/synthetic.js';
import { tokenize } from './nodes/tokenize.js';
import { decode } from './nodes/decode.js';
import { save } from './nodes/save.js';

export type { Note, Piece, TempoChange, TimeSignatureChange, Track } from './piece.js';
export type { MusicTokens, Pieces, PieceSplits } from './port-types.js';
export { readMidi, MidiFileError } from './midi/read.js';
export { writeMidi } from './midi/write.js';
export { syntheticPiece, type SyntheticOptions } from './synthetic.js';
export { tokenizerConfig, defaultTokenizerConfig, type TokenizerConfig } from './tokenizers/config.js';
export { quantise } from './tokenizers/quantise.js';
export { RemiTokenizer, type RemiState, type DecodeReport } from './tokenizers/remi.js';
export { CpTokenizer, type CpWord } from './tokenizers/cp.js';
export { RemiVocabulary } from './tokenizers/vocabulary.js';
export { pianoRollSvg } from './piano-roll.js';
export { findAudioRenderer, renderAudio, type AudioRenderer } from './audio.js';
export { detectChord, type Chord } from './chords.js';
export * from './metrics/pitch.js';
export * from './metrics/rhythm.js';
export * from './metrics/chords.js';
export * from './metrics/distributions.js';

export default definePlugin({
  namespace: 'music',
  types: portTypes,
  nodes: [midiFolder, synthetic, metrics, featureDistance, tokenize, decode, save],
});
