// @sous/rewards: verifiable, calibration and combined rewards. One node per file in nodes/.
// A reward node returns one number per sequence (a Float32Array); NaN means it abstained.
import { definePlugin } from '@sous/core';
import { brier } from './nodes/brier.js';
import { exact_answer } from './nodes/exact_answer.js';
import { lsc } from './nodes/lsc.js';
import { normalized_sum } from './nodes/normalized_sum.js';
import { numeric } from './nodes/numeric.js';
import { overlong } from './nodes/overlong.js';
import { regex } from './nodes/regex.js';
import { style_classifier } from './nodes/style_classifier.js';
import { weighted } from './nodes/weighted.js';

// The kit declares the SequenceClassifier port type; re-exported for code that imported it from here.
export type { SequenceClassifier } from '@sous/core';
export { weightedSum } from './lib/combine.js';
export { groupZScores } from './lib/group-normalise.js';
export { logSigmoid } from './lib/log-sigmoid.js';
export { parseNumber } from './lib/parse-number.js';

export default definePlugin({
  namespace: 'rewards',
  nodes: [exact_answer, numeric, regex, overlong, brier, weighted, normalized_sum, lsc, style_classifier],
});
