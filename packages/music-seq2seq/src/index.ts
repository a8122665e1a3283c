// @sous/music-seq2seq: symbolic music as recipe nodes (work in progress: the Piece type, the
// composer-style nodes — bootleg scores, synthetic composers, a CNN classifier — and lead sheets
// with affect). One node per file in nodes/.
import { definePlugin } from '@sous/core';
import { stylePortTypes } from './style-port-types.js';
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

export type { Note, Piece, TempoChange, TimeSignatureChange, Track } from './piece.js';
export type { Corpus, Images, LeadSheets, Pieces } from './style-port-types.js';
export { bootlegScore, bootlegWindows, type BootlegScore } from './bootleg/rasterise.js';
export { staffRows } from './bootleg/staff.js';
export { BootlegCnn } from './bootleg/cnn.js';

export default definePlugin({
  namespace: 'music',
  types: stylePortTypes,
  kinds: { transform: 'turns pieces into features: bootleg-score windows, condition tokens' },
  nodes: [
    composers,
    bootleg,
    bootlegCnn,
    imageBatch,
    classifierNll,
    classifierAccuracy,
    leadsheets,
    valence,
    condTokensNode,
    leadsheetMetrics,
  ],
});
