export { CharTokenizer, CHAR_SPECIAL_IDS } from './tokenizers/char.js';
export { GptModel, type GptModelOptions } from './gpt/model.js';
export { GptKvCache } from './gpt/cache.js';
export { gptConfig, validateGptConfig, GPT_PRESETS, GPT_PRESET_NAMES, type GptConfig, type GptOverrides, type GptPresetName, type GeluKind } from './gpt/config.js';
export { gptWeightSpecs } from './gpt/weights.js';
