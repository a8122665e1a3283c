// @sous/music-seq2seq: symbolic music as recipe nodes (work in progress: the Piece type first).
export type { Note, Piece, TempoChange, TimeSignatureChange, Track } from './piece.js';
