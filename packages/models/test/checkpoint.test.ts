import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { encodeSafetensors, Rng, SousError, tf, type SafetensorsTensor } from '@sous/core';
import {
  CharTokenizer,
  GptModel,
  gptConfig,
  loadHfFolder,
  loadHfTokenizer,
  saveHfFolder,
  type GptConfig,
} from '../src/index.js';
import { maxAbsDiff, randomWeights } from './helpers/random-weights.js';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

const config: GptConfig = {
  vocabSize: 9,
  contextLength: 6,
  layers: 1,
  heads: 2,
  dModel: 4,
  dFF: 8,
  layerNormEps: 1e-5,
  gelu: 'tanh',
  tiedHead: true,
};
/** config.json as Hugging Face writes it for `config` (n_inner 8 ≠ 4·4 is explicit). */
const hfConfig = {
  model_type: 'gpt2',
  architectures: ['GPT2LMHeadModel'],
  vocab_size: 9,
  n_positions: 6,
  n_ctx: 6,
  n_embd: 4,
  n_layer: 1,
  n_head: 2,
  n_inner: 8,
  layer_norm_epsilon: 1e-5,
  activation_function: 'gelu_new',
};

/** A folder written by hand, as a Hugging Face export would be: F16 values (multiples of 1/8,
 * exact in F16), names without `transformer.`, the old causal-mask buffer, a tied lm_head. */
function handWrittenFolder(
  options: { drop?: string; reshape?: string; extra?: string; configPatch?: object } = {},
): string {
  const dir = tempDir();
  const tensors: Record<string, SafetensorsTensor> = {};
  const weights = randomWeights(config, 'hand');
  for (const [name, w] of weights) {
    if (name === options.drop) continue;
    const values = Float32Array.from(w.values, (v) => Math.round(v * 8) / 8);
    const shape = name === options.reshape ? [...w.shape].reverse() : w.shape;
    tensors[name] = { dtype: 'F16', shape, data: values };
  }
  tensors['h.0.attn.bias'] = { dtype: 'F32', shape: [1, 1, 6, 6], data: new Float32Array(36).fill(1) };
  tensors['lm_head.weight'] = tensors['wte.weight'];
  if (options.extra) tensors[options.extra] = { dtype: 'F32', shape: [1], data: new Float32Array(1) };
  fs.writeFileSync(path.join(dir, 'model.safetensors'), encodeSafetensors(tensors));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...hfConfig, ...options.configPatch }));
  return dir;
}

function expectError(fn: () => unknown, file: string, pattern: RegExp): void {
  try {
    fn();
    assert.unreachable('no error');
  } catch (error) {
    assert.instance(error, SousError);
    assert.is((error as SousError).file, file);
    assert.match((error as Error).message, pattern);
  }
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('save then load: same config, weights and logits (untied, exact GELU)', async () => {
  const model = GptModel.create(
    gptConfig('tiny', { vocabSize: 12, layers: 1, dModel: 16, contextLength: 8 }),
    new Rng('save'),
  );
  const untied = GptModel.create({ ...model.config, gelu: 'exact', tiedHead: false }, new Rng('save-untied'));
  for (const original of [model, untied]) {
    const dir = tempDir();
    await saveHfFolder(original, dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    assert.equal(
      [json.model_type, json.n_embd, json.n_layer, json.n_head, json.n_positions, json.vocab_size, json.n_inner],
      ['gpt2', 16, 1, 4, 8, 12, null],
    );
    assert.is(json.activation_function, original.config.gelu === 'tanh' ? 'gelu_new' : 'gelu');
    const loaded = loadHfFolder(dir);
    assert.equal(loaded.config, original.config);
    const input = tf.tensor2d([[1, 5, 7, 11]], undefined, 'int32');
    const [a, b] = [original.logits(input), loaded.logits(input)];
    assert.is(maxAbsDiff(a.dataSync(), b.dataSync()), 0);
    tf.dispose([input, a, b]);
    loaded.dispose();
    original.dispose();
  }
});

test("saved names are GPT2LMHeadModel's: transformer.* and a top-level lm_head.weight", async () => {
  const model = GptModel.create({ ...config, tiedHead: false }, new Rng('names'));
  const dir = tempDir();
  await saveHfFolder(model, dir);
  const bytes = fs.readFileSync(path.join(dir, 'model.safetensors'));
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  assert.ok('transformer.h.0.attn.c_attn.weight' in header);
  assert.equal(header['transformer.h.0.attn.c_attn.weight'].shape, [4, 12]);
  assert.equal(header['lm_head.weight'].shape, [9, 4]);
  assert.is(header['transformer.wte.weight'].dtype, 'F32');
  model.dispose();
});

test('a hand-written HF folder: F16, unprefixed names, mask buffers and a tied lm_head', () => {
  const dir = handWrittenFolder();
  const model = loadHfFolder(dir, { trainable: false });
  assert.is(model.trainable, false);
  assert.is(model.config.dFF, 8);
  const expected = Float32Array.from(
    randomWeights(config, 'hand').get('h.0.mlp.c_fc.weight')!.values,
    (v) => Math.round(v * 8) / 8,
  );
  assert.equal(model.namedVariables().get('h.0.mlp.c_fc.weight')!.dataSync(), expected);
  assert.is(model.tokenizer, undefined);
  model.dispose();
});

test("tokenizer.json in the folder becomes the model's tokenizer", () => {
  const dir = handWrittenFolder();
  const vocab = Object.fromEntries(['[UNK]', 'a', 'b', 'c'].map((t, i) => [t, i]));
  fs.writeFileSync(
    path.join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
    }),
  );
  const model = loadHfFolder(dir);
  assert.equal(model.tokenizer!.encode('c a b'), [3, 1, 2]);
  model.dispose();
});

test('save then load round-trips a tokenizer.json tokenizer and its config; a char tokenizer is not written', async () => {
  const source = tempDir();
  const vocab = Object.fromEntries(['[PAD]', '[BOS]', '[EOS]', '[UNK]', 'a', 'b', 'c'].map((t, i) => [t, i]));
  const tokenizerJson = {
    version: '1.0',
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
  const tokenizerConfig = { bos_token: '[BOS]', eos_token: '[EOS]', pad_token: '[PAD]' };
  fs.writeFileSync(path.join(source, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  fs.writeFileSync(path.join(source, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
  const model = GptModel.create(config, new Rng('with-tokenizer'), { tokenizer: loadHfTokenizer(source) });
  const dir = tempDir();
  await saveHfFolder(model, dir);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')), tokenizerJson);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8')), tokenizerConfig);
  const loaded = loadHfFolder(dir);
  assert.equal(loaded.tokenizer!.encode('c a b'), [6, 4, 5]);
  assert.equal(
    [loaded.tokenizer!.bos, loaded.tokenizer!.eos, loaded.tokenizer!.pad, loaded.tokenizer!.vocabSize],
    [1, 2, 0, 7],
  );
  loaded.dispose();
  model.dispose();

  // Without tokenizer_config.json only tokenizer.json is written back.
  const bare = tempDir();
  fs.writeFileSync(path.join(bare, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  const bareModel = GptModel.create(config, new Rng('bare'), { tokenizer: loadHfTokenizer(bare) });
  const bareDir = tempDir();
  await saveHfFolder(bareModel, bareDir);
  assert.equal(fs.readdirSync(bareDir).sort(), ['config.json', 'model.safetensors', 'tokenizer.json']);
  bareModel.dispose();

  const charModel = GptModel.create(config, new Rng('char'), { tokenizer: new CharTokenizer('ab') });
  const charDir = tempDir();
  await saveHfFolder(charModel, charDir);
  assert.equal(fs.readdirSync(charDir).sort(), ['config.json', 'model.safetensors']);
  const charLoaded = loadHfFolder(charDir);
  assert.is(charLoaded.tokenizer, undefined);
  charLoaded.dispose();
  charModel.dispose();
});

test('missing folder, config or weights; bad JSON; bad config values', () => {
  const nowhere = path.join(tempDir(), 'nope');
  expectError(() => loadHfFolder(nowhere), nowhere, /model folder does not exist/);
  const empty = tempDir();
  expectError(() => loadHfFolder(empty), path.join(empty, 'config.json'), /model config does not exist/);
  const noWeights = tempDir();
  fs.writeFileSync(path.join(noWeights, 'config.json'), JSON.stringify(hfConfig));
  expectError(
    () => loadHfFolder(noWeights),
    path.join(noWeights, 'model.safetensors'),
    /model\.safetensors does not exist/,
  );
  const badJson = handWrittenFolder();
  fs.writeFileSync(path.join(badJson, 'config.json'), '{"n_embd": 4,,}');
  expectError(() => loadHfFolder(badJson), path.join(badJson, 'config.json'), /not valid JSON/);
  const badHeads = handWrittenFolder({ configPatch: { n_head: 3 } });
  expectError(
    () => loadHfFolder(badHeads),
    path.join(badHeads, 'config.json'),
    /d_model 4 is not divisible by heads 3/,
  );
  const missingKey = handWrittenFolder({ configPatch: { n_layer: undefined } });
  expectError(
    () => loadHfFolder(missingKey),
    path.join(missingKey, 'config.json'),
    /"n_layer" must be a positive integer/,
  );
  const llama = handWrittenFolder({ configPatch: { model_type: 'llama' } });
  expectError(() => loadHfFolder(llama), path.join(llama, 'config.json'), /only "gpt2"/);
  const relu = handWrittenFolder({ configPatch: { activation_function: 'relu' } });
  expectError(() => loadHfFolder(relu), path.join(relu, 'config.json'), /activation_function "relu" is not supported/);
});

test('corrupt weights: bad header, wrong shape, missing or unexpected tensor', () => {
  const truncated = handWrittenFolder();
  const file = path.join(truncated, 'model.safetensors');
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 20));
  try {
    loadHfFolder(truncated);
    assert.unreachable('no error');
  } catch (error) {
    assert.instance(error, SousError);
    assert.is((error as SousError).file, file);
  }
  const reshaped = handWrittenFolder({ reshape: 'h.0.mlp.c_fc.weight' });
  expectError(
    () => loadHfFolder(reshaped),
    path.join(reshaped, 'model.safetensors'),
    /weight "h\.0\.mlp\.c_fc\.weight" has shape \[8,4\], expected \[4,8\]/,
  );
  const missing = handWrittenFolder({ drop: 'h.0.ln_2.bias' });
  expectError(
    () => loadHfFolder(missing),
    path.join(missing, 'model.safetensors'),
    /missing weight "h\.0\.ln_2\.bias"/,
  );
  const extra = handWrittenFolder({ extra: 'h.1.ln_1.weight' });
  expectError(
    () => loadHfFolder(extra),
    path.join(extra, 'model.safetensors'),
    /unexpected tensor "h\.1\.ln_1\.weight"/,
  );
});

test.after(removeTempDirs);

test.run();
