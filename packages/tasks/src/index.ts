// @sous/tasks: synthetic and file-backed tasks. The plugin's nodes live one per file in nodes/;
// the helpers below are exported for other plugins that build tasks of their own.
import { definePlugin } from '@sous/core';
import { arithmetic } from './nodes/arithmetic.js';
import { jsonl } from './nodes/jsonl.js';
import { preference_pairs } from './nodes/preference_pairs.js';
import { preferences } from './nodes/preferences.js';

export {
  ARITHMETIC_ALPHABET,
  ARITHMETIC_OPERATORS,
  arithmeticSpace,
  type ArithmeticProblem,
  type ArithmeticSpace,
} from './arithmetic.js';
export { charVocabularyOf } from './char-vocabulary.js';
export { exactMatch } from './exact-match.js';
export { readJsonlExamples } from './jsonl-file.js';
export { seededPermutation } from './seeded-permutation.js';
export { arraySplit, makeDataset, makeTask, type Split, type TaskParts, type Verifier } from './task.js';

export default definePlugin({ namespace: 'tasks', nodes: [arithmetic, jsonl, preference_pairs, preferences] });
