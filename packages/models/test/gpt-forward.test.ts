import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { GptModel, gptConfig, type GptConfig } from '../src/index.js';
import { referenceHidden, referenceLogits } from './helpers/reference-gpt.js';
import { maxAbsDiff, modelFrom, randomWeights } from './helpers/random-weights.js';

const base: GptConfig = {
  vocabSize: 11,
  contextLength: 8,
  layers: 2,
  heads: 2,
  dModel: 8,
  dFF: 12,
  layerNormEps: 1e-5,
  gelu: 'tanh',
  tiedHead: true,
};
const tokens = [
  [3, 1, 4, 1, 5, 9],
  [2, 6, 5, 3, 5, 8],
];

for (const variant of [
  { gelu: 'tanh', tiedHead: true },
  { gelu: 'exact', tiedHead: false },
] as const) {
  test(`logits match an independent float64 forward (gelu ${variant.gelu}, tied ${variant.tiedHead})`, async () => {
    await tf.setBackend('cpu');
    const config = { ...base, ...variant };
    const weights = randomWeights(config, `forward-${variant.gelu}`);
    const model = modelFrom(config, weights);
    const logits = tf.tidy(() => model.logits(tf.tensor2d(tokens, undefined, 'int32')));
    assert.equal(logits.shape, [2, 6, 11]);
    const expected = tokens.flatMap((seq) => referenceLogits(config, weights, seq).flat());
    assert.ok(maxAbsDiff(logits.dataSync(), expected) < 1e-4, `max diff ${maxAbsDiff(logits.dataSync(), expected)}`);
    logits.dispose();
    model.dispose();
  });
}

test('init: GPT-2 scheme, deterministic per seed', async () => {
  await tf.setBackend('cpu');
  const config = gptConfig('tiny', { vocabSize: 50, layers: 3 });
  const a = GptModel.create(config, new Rng('seed-1'));
  const b = GptModel.create(config, new Rng('seed-1'));
  const c = GptModel.create(config, new Rng('seed-2'));
  const values = (m: GptModel, name: string) => m.namedVariables().get(name)!.dataSync() as Float32Array;
  const std = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
  assert.equal(values(a, 'h.1.mlp.c_fc.weight'), values(b, 'h.1.mlp.c_fc.weight'));
  assert.not.equal(values(a, 'h.1.mlp.c_fc.weight'), values(c, 'h.1.mlp.c_fc.weight'));
  assert.ok(Math.abs(std(values(a, 'wte.weight')) - 0.02) < 0.001);
  assert.ok(Math.abs(std(values(a, 'h.0.attn.c_attn.weight')) - 0.02) < 0.001);
  // Residual projections: 0.02 / √(2·layers).
  assert.ok(Math.abs(std(values(a, 'h.2.mlp.c_proj.weight')) - 0.02 / Math.sqrt(6)) < 0.0005);
  assert.ok(values(a, 'h.0.ln_1.weight').every((x) => x === 1));
  assert.ok(values(a, 'h.0.attn.c_attn.bias').every((x) => x === 0));
  assert.ok(values(a, 'ln_f.bias').every((x) => x === 0));
  for (const m of [a, b, c]) m.dispose();
});

test('weights carry the Hugging Face GPT-2 names and layouts', async () => {
  await tf.setBackend('cpu');
  const model = GptModel.create(gptConfig('tiny', { vocabSize: 20 }), new Rng('names'));
  const shapes = Object.fromEntries([...model.namedVariables()].map(([name, v]) => [name, v.shape]));
  assert.equal(shapes['wte.weight'], [20, 64]);
  assert.equal(shapes['wpe.weight'], [64, 64]);
  assert.equal(shapes['h.0.attn.c_attn.weight'], [64, 192]);
  assert.equal(shapes['h.1.mlp.c_fc.weight'], [64, 256]);
  assert.equal(shapes['h.1.mlp.c_proj.weight'], [256, 64]);
  assert.equal(shapes['ln_f.weight'], [64]);
  assert.is(Object.keys(shapes).length, 2 + 12 * 2 + 2);
  assert.not.ok('lm_head.weight' in shapes);
  model.dispose();
});

test('grpo-tiny preset: the benchmark model (817,920 parameters, untied head)', async () => {
  await tf.setBackend('cpu');
  const model = GptModel.create(gptConfig('grpo-tiny'), new Rng('bench'));
  const count = [...model.namedVariables().values()].reduce((s, v) => s + v.size, 0);
  assert.is(count, 817_920);
  assert.equal(model.namedVariables().get('lm_head.weight')!.shape, [64, 128]);
  assert.is(model.config.gelu, 'exact');
  model.dispose();
});

test('presets and overrides', () => {
  const config = gptConfig('tiny', { vocabSize: 7, dModel: 32, heads: 2 });
  assert.equal([config.dModel, config.dFF, config.heads, config.layers], [32, 128, 2, 2]);
  assert.is(gptConfig('gpt2').vocabSize, 50257);
  assert.is(gptConfig('tiny', { vocabSize: 7, layers: undefined }).layers, 2, 'an undefined override keeps the preset');
  assert.throws(() => gptConfig('tiny'), /needs a vocabulary size/);
  assert.throws(() => gptConfig('tiny', { vocabSize: 7, dModel: 30, heads: 4 }), /not divisible by heads 4/);
  assert.throws(() => gptConfig('huge' as 'tiny', { vocabSize: 7 }), /unknown GPT preset "huge"/);
});

test('hiddenStates: the residual stream after 0, 1 and 2 blocks matches the float64 forward; bad layer counts', async () => {
  await tf.setBackend('cpu');
  const weights = randomWeights(base, 'hidden');
  const model = modelFrom(base, weights);
  assert.is(model.layerCount, 2);
  for (const blocks of [0, 1, 2]) {
    const hidden = tf.tidy(() => model.hiddenStates(tf.tensor2d(tokens, undefined, 'int32'), blocks));
    assert.equal(hidden.shape, [2, 6, 8]);
    const expected = tokens.flatMap((seq) => referenceHidden(base, weights, seq, blocks).flat());
    assert.ok(
      maxAbsDiff(hidden.dataSync(), expected) < 1e-4,
      `blocks ${blocks}: ${maxAbsDiff(hidden.dataSync(), expected)}`,
    );
    hidden.dispose();
  }
  const input = tf.tensor2d(tokens, undefined, 'int32');
  assert.throws(() => model.hiddenStates(input, 3), /layers must be an integer in 0\.\.2/);
  input.dispose();
  model.dispose();
});

test('frozenCopy: same logits, not trainable, unaffected by later updates of the original', async () => {
  await tf.setBackend('cpu');
  const config = { ...base, tiedHead: false };
  const model = modelFrom(config, randomWeights(config, 'frozen'));
  const input = tf.tensor2d(tokens, undefined, 'int32');
  const before = model.logits(input);
  const frozen = model.frozenCopy();
  assert.is(frozen.trainable, false);
  assert.ok([...frozen.namedVariables().values()].every((v) => !v.trainable));
  assert.ok([...model.namedVariables().values()].every((v) => v.trainable));
  const wte = model.namedVariables().get('wte.weight')!;
  wte.assign(tf.zerosLike(wte));
  const frozenLogits = frozen.logits(input);
  assert.is(maxAbsDiff(frozenLogits.dataSync(), before.dataSync()), 0);
  const changed = model.logits(input);
  assert.ok(maxAbsDiff(changed.dataSync(), before.dataSync()) > 1e-3);
  tf.dispose([input, before, frozenLogits, changed]);
  model.dispose();
  frozen.dispose();
});

test('logits: bad token tensors are clear errors', async () => {
  await tf.setBackend('cpu');
  const model = modelFrom(base, randomWeights(base, 'errors'));
  const long = tf.zeros([1, 9], 'int32') as tf.Tensor2D;
  assert.throws(() => model.logits(long), /reaches position 9 but the context length is 8/);
  const floats = tf.zeros([1, 2]) as tf.Tensor2D;
  assert.throws(() => model.logits(floats), /int32 tensor \[batch, time\], found float32 \[1,2\]/);
  tf.dispose([long, floats]);
  model.dispose();
});

test.run();
