// GPT-2's Hugging Face `config.json` ⇄ GptConfig. Every GptConfig field has a GPT-2 key, so a
// folder saved here loads in `transformers` (GPT2LMHeadModel) and back.
import { SousError } from '@sous/core';
import { validateGptConfig, type GeluKind, type GptConfig } from '../gpt/config.js';

/** HF `activation_function` values and the GELU each one is (a Map: a config's "toString" must
 * not find an inherited property). */
const ACTIVATIONS = new Map<string, GeluKind>([
  ['gelu_new', 'tanh'],
  ['gelu_pytorch_tanh', 'tanh'],
  ['gelu', 'exact'],
]);

export function gptConfigToHf(config: GptConfig): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    vocab_size: config.vocabSize,
    n_positions: config.contextLength,
    n_embd: config.dModel,
    n_layer: config.layers,
    n_head: config.heads,
    n_inner: config.dFF === 4 * config.dModel ? null : config.dFF,
    layer_norm_epsilon: config.layerNormEps,
    activation_function: config.gelu === 'tanh' ? 'gelu_new' : 'gelu',
    tie_word_embeddings: config.tiedHead,
    resid_pdrop: 0,
    embd_pdrop: 0,
    attn_pdrop: 0,
  };
}

/** Reads a parsed config.json; `file` names it in errors. */
export function gptConfigFromHf(json: unknown, file: string): GptConfig {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new SousError('config.json does not hold a JSON object', { file });
  const hf = json as Record<string, unknown>;
  if (hf.model_type !== undefined && hf.model_type !== 'gpt2') {
    throw new SousError(`model_type is ${JSON.stringify(hf.model_type)}; only "gpt2" checkpoints load as a GPT`, {
      file,
    });
  }
  const integer = (key: string, fallback?: number): number => {
    const value = hf[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new SousError(`config key "${key}" must be a positive integer, found ${JSON.stringify(hf[key])}`, { file });
    }
    return value;
  };
  const activation = hf.activation_function ?? 'gelu_new';
  const gelu = typeof activation === 'string' ? ACTIVATIONS.get(activation) : undefined;
  if (!gelu) {
    throw new SousError(
      `activation_function ${JSON.stringify(activation)} is not supported (use one of ${[...ACTIVATIONS.keys()].join(', ')})`,
      { file },
    );
  }
  const eps = hf.layer_norm_epsilon ?? 1e-5;
  if (typeof eps !== 'number')
    throw new SousError(`config key "layer_norm_epsilon" must be a number, found ${JSON.stringify(eps)}`, { file });
  const dModel = integer('n_embd');
  const config: GptConfig = {
    vocabSize: integer('vocab_size'),
    contextLength: integer('n_positions'),
    layers: integer('n_layer'),
    heads: integer('n_head'),
    dModel,
    dFF: hf.n_inner === null || hf.n_inner === undefined ? 4 * dModel : integer('n_inner'),
    layerNormEps: eps,
    gelu,
    tiedHead: hf.tie_word_embeddings !== false,
  };
  validateGptConfig(config, file);
  return config;
}
