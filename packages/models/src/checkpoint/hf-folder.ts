// Hugging Face-style model folders: `config.json` (GPT-2 keys) + `model.safetensors`, and
// optionally `tokenizer.json`. What `save_pretrained` of GPT2LMHeadModel writes, and what it reads.
import fs from 'node:fs';
import path from 'node:path';
import {
  decodeSafetensors,
  encodeSafetensors,
  SousError,
  tf,
  writeFileAtomic,
  writeJsonAtomic,
  type SafetensorsTensor,
} from '@sous/core';
import { GptModel } from '../gpt/model.js';
import { gptWeightSpecs } from '../gpt/weights.js';
import { readJsonFile } from '../json-file.js';
import { HfTokenizer, loadHfTokenizer } from '../tokenizers/hf.js';
import { gptConfigFromHf, gptConfigToHf } from './hf-config.js';

/** GPT2LMHeadModel nests the decoder under this prefix; bare GPT2Model files have none. */
const BODY_PREFIX = 'transformer.';
/** Buffers of older GPT-2 checkpoints (the causal mask), not weights. */
const ATTENTION_BUFFER = /^h\.\d+\.attn\.(bias|masked_bias)$/;
const FLOAT_DTYPES = new Set(['F32', 'F16', 'BF16', 'F64']);

/** The file name of a weight: body weights under `transformer.`, the untied head at top level. */
function fileName(name: string): string {
  return name === 'lm_head.weight' ? name : BODY_PREFIX + name;
}

/** Writes `config.json` and `model.safetensors` (F32) into `dir` (created if needed), each file
 * atomically. A tokenizer loaded from a tokenizer.json (an HfTokenizer) is written back beside them
 * (`tokenizer.json`, and `tokenizer_config.json` when it had one) so that `loadHfFolder` restores it;
 * other tokenizers have no Hugging Face file form and are not saved. */
export async function saveHfFolder(model: GptModel, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const tensors: Record<string, SafetensorsTensor> = {};
  for (const [name, variable] of model.namedVariables()) {
    tensors[fileName(name)] = { dtype: 'F32', shape: variable.shape, data: (await variable.data()) as Float32Array };
  }
  await writeFileAtomic(path.join(dir, 'model.safetensors'), encodeSafetensors(tensors, { format: 'pt' }));
  await writeJsonAtomic(path.join(dir, 'config.json'), gptConfigToHf(model.config));
  if (model.tokenizer instanceof HfTokenizer) {
    const { tokenizer, config } = model.tokenizer.files;
    await writeJsonAtomic(path.join(dir, 'tokenizer.json'), tokenizer);
    if (config) await writeJsonAtomic(path.join(dir, 'tokenizer_config.json'), config);
  }
}

export interface LoadHfFolderOptions {
  /** False for a frozen model (default true). */
  trainable?: boolean;
}

/**
 * Loads a GPT-2-style folder: `config.json`, `model.safetensors` (F32, F16 or BF16; names with or
 * without `transformer.`; `lm_head.weight` ignored when the head is tied) and, when present,
 * `tokenizer.json` (+ `tokenizer_config.json`) as the model's tokenizer.
 */
export function loadHfFolder(dir: string, options: LoadHfFolderOptions = {}): GptModel {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new SousError('the model folder does not exist', { file: dir });
  const configFile = path.join(dir, 'config.json');
  const config = gptConfigFromHf(readJsonFile(configFile, 'the model config'), configFile);
  const weightsFile = path.join(dir, 'model.safetensors');
  if (!fs.existsSync(weightsFile)) {
    throw new SousError('the weights file model.safetensors does not exist', {
      file: weightsFile,
      hint: 'Only safetensors weights load (convert pytorch_model.bin with the safetensors library).',
    });
  }
  const buffer = fs.readFileSync(weightsFile);
  // A plain Uint8Array view: Buffer.slice shares memory where Uint8Array.slice copies.
  const decoded = decodeSafetensors(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), weightsFile);
  const specs = gptWeightSpecs(config);
  const weights = new Map<string, tf.Tensor>();
  try {
    for (const [stored, tensor] of Object.entries(decoded.tensors)) {
      const name = stored.startsWith(BODY_PREFIX) ? stored.slice(BODY_PREFIX.length) : stored;
      if (ATTENTION_BUFFER.test(name) || (name === 'lm_head.weight' && config.tiedHead)) continue;
      if (!specs.has(name))
        throw new SousError(`unexpected tensor "${stored}": not a weight of a GPT-2 model with this config.json`, {
          file: weightsFile,
        });
      if (weights.has(name))
        throw new SousError(`tensor "${name}" is stored twice (with and without "${BODY_PREFIX}")`, {
          file: weightsFile,
        });
      if (!FLOAT_DTYPES.has(tensor.dtype))
        throw new SousError(`tensor "${stored}" has dtype ${tensor.dtype}; weights must be floating point`, {
          file: weightsFile,
        });
      const values = tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data as Float64Array);
      weights.set(name, tf.tensor(values, tensor.shape, 'float32'));
    }
    const tokenizer = fs.existsSync(path.join(dir, 'tokenizer.json')) ? loadHfTokenizer(dir) : undefined;
    if (tokenizer && tokenizer.vocabSize > config.vocabSize) {
      throw new SousError(
        `the tokenizer has ${tokenizer.vocabSize} tokens but the model's vocab_size is ${config.vocabSize}`,
        { file: tokenizer.file },
      );
    }
    return GptModel.fromWeights(config, weights, { trainable: options.trainable, tokenizer }, weightsFile);
  } finally {
    for (const tensor of weights.values()) tensor.dispose();
  }
}
