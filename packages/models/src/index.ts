// @sous/models: GPT decoder and encoder–decoder with KV caches, tokenizers, Hugging Face-style
// checkpoints, and weight-space operations over named weight maps (weights/). The plugin's nodes
// live one per file in nodes/.
import { definePlugin } from '@sous/core';
import { frozen } from './nodes/frozen.js';
import { gpt } from './nodes/gpt.js';
import { load } from './nodes/load.js';
import { seq2seq } from './nodes/seq2seq.js';
import { corda } from './nodes/corda.js';
// Weight-space nodes (checkpoint in, checkpoint out).
import { atlas } from './nodes/atlas.js';
import { graft } from './nodes/graft.js';
import { localize } from './nodes/localize.js';
import { lora } from './nodes/lora.js';
import { materialize } from './nodes/materialize.js';
import { merge } from './nodes/merge.js';
import { taskArithmetic } from './nodes/task_arithmetic.js';

export { CharTokenizer, CHAR_SPECIAL_IDS } from './tokenizers/char.js';
export { GptModel, type GptModelOptions } from './gpt/model.js';
export { GptKvCache } from './gpt/cache.js';
export {
  gptConfig,
  validateGptConfig,
  GPT_PRESETS,
  GPT_PRESET_NAMES,
  type GptConfig,
  type GptOverrides,
  type GptPresetName,
  type GeluKind,
} from './gpt/config.js';
export { gptWeightSpecs } from './gpt/weights.js';
export { Seq2SeqModel, type Seq2SeqModelOptions } from './seq2seq/model.js';
export { Seq2SeqCache } from './seq2seq/cache.js';
export { validateSeq2SeqConfig, type Seq2SeqConfig, type ThemeFlags } from './seq2seq/config.js';
export { targetLayout, type TargetLayout, type LayoutState } from './seq2seq/layout.js';
export { seq2seqWeightSpecs } from './seq2seq/weights.js';
export { loadHfTokenizer, HfTokenizer, type HfTokenizerFiles } from './tokenizers/hf.js';
export { saveHfFolder, loadHfFolder, type LoadHfFolderOptions } from './checkpoint/hf-folder.js';
export { gptConfigToHf, gptConfigFromHf } from './checkpoint/hf-config.js';

// Weight-space operations, for scripts and other plugins (task-vector negation for unlearning).
export { layoutMismatch, assertSameLayout, parameterCount, type WeightMap } from './weights/weight-map.js';
export { taskVector, weightedMerge, addTaskVectors } from './weights/arithmetic.js';
export {
  composeByBlock,
  composeShared,
  initialCoefficients,
  learnCoefficients,
  type CoefficientSharing,
} from './weights/atlas.js';
export {
  graftWeights,
  topFractionMask,
  movementMask,
  maskJaccard,
  initialGraftScores,
  relaxedGraft,
  learnGraftMask,
} from './weights/graft.js';
export { ComposedModel, type Composition } from './weights/composed-model.js';
export { cordaAdapter, ridgeCovariance, type CordaMode, type CordaAdapter } from './weights/corda.js';
export { loraInit, loraWeight, adaptedWeights, type LoraFactors } from './weights/lora.js';

export default definePlugin({
  namespace: 'models',
  nodes: [gpt, frozen, load, seq2seq, merge, taskArithmetic, graft, atlas, localize, lora, corda, materialize],
});
