// @sous/models: GPT decoder and encoder–decoder with KV caches, tokenizers, Hugging Face-style checkpoints. The plugin's
// nodes (models.gpt, models.frozen, models.load, models.seq2seq) live one per file in nodes/.
import { definePlugin } from '@sous/core';
import { frozen } from './nodes/frozen.js';
import { gpt } from './nodes/gpt.js';
import { load } from './nodes/load.js';
import { seq2seq } from './nodes/seq2seq.js';

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

export default definePlugin({ namespace: 'models', nodes: [gpt, frozen, load, seq2seq] });
