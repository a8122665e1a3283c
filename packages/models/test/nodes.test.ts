import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { pluginSignature, Rng, SousError, tf } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import plugin, { CharTokenizer, GptModel, gptConfig, saveHfFolder } from '../src/index.js';
import { frozen } from '../src/nodes/frozen.js';
import { gpt } from '../src/nodes/gpt.js';
import { load } from '../src/nodes/load.js';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

const vocab = new CharTokenizer('0123456789+-=');

test.before(async () => {
  await tf.setBackend('cpu');
});

test('the plugin: namespace models, twelve documented nodes with described parameters', () => {
  assert.is(plugin.namespace, 'models');
  const signature = pluginSignature(plugin);
  assert.equal(
    signature.nodes.map((n) => n.name),
    [
      'gpt',
      'frozen',
      'load',
      'seq2seq',
      'merge',
      'task_arithmetic',
      'graft',
      'atlas',
      'localize',
      'lora',
      'corda',
      'materialize',
    ],
  );
  for (const node of signature.nodes) {
    assert.ok(node.doc.length > 40, node.name);
    assert.is(node.output, 'Model');
    for (const param of node.params) assert.ok(param.doc.length > 10, `${node.name}.${param.name}`);
  }
  const preset = signature.nodes[0].params.find((p) => p.name === 'preset')!;
  assert.equal(preset.values, ['tiny', 'grpo-tiny', 'gpt2']);
  assert.equal(
    signature.nodes[0].inputs.map((p) => [p.name, p.type]),
    [['vocab', 'Tokenizer']],
  );
});

test('models.gpt: vocabulary from the tokenizer, preset with overrides, init from ctx.rng', () => {
  const model = runNode<GptModel>(gpt, { vocab }, { preset: 'tiny', layers: 1, d_model: 32, context: 16 });
  assert.equal(model.config, {
    ...gptConfig('tiny', { vocabSize: 16 }),
    layers: 1,
    dModel: 32,
    dFF: 128,
    contextLength: 16,
  });
  assert.is(model.tokenizer, vocab);
  assert.is(model.trainable, true);
  const again = runNode<GptModel>(gpt, { vocab }, { preset: 'tiny', layers: 1, d_model: 32, context: 16 });
  assert.equal(
    again.namedVariables().get('wte.weight')!.dataSync(),
    model.namedVariables().get('wte.weight')!.dataSync(),
  );
  const grpo = runNode<GptModel>(gpt, { vocab: undefined }, { preset: 'grpo-tiny' });
  assert.is(grpo.vocabSize, 64);
  for (const m of [model, again, grpo]) m.dispose();
});

test('models.gpt: heads must divide d_model; a preset without vocabulary size needs the tokenizer', async () => {
  await new NodeTester(gpt).run({
    invalid: [
      { inputs: { vocab }, params: { heads: 3 }, messageId: 'headsDivide', data: { d_model: 64, heads: 3 } },
      { inputs: { vocab }, params: { d_model: 30 }, messageId: 'headsDivide', data: { d_model: 30, heads: 4 } },
      { inputs: { vocab: undefined }, params: { preset: 'tiny' }, messageId: 'needsVocab', data: { preset: 'tiny' } },
    ],
  });
  assert.not.ok(gpt.params.safeParse({ layers: 0 }).success);
  assert.not.ok(gpt.params.safeParse({ preset: 'huge' }).success);
});

test('models.frozen: a non-trainable copy that keeps the weights of the moment it ran', async () => {
  const policy = GptModel.create(gptConfig('tiny', { vocabSize: 16, layers: 1 }), new Rng('frozen-node'));
  const before = policy.namedVariables().get('h.0.mlp.c_fc.weight')!.dataSync().slice();
  const ref = runNode<GptModel>(frozen, { model: policy });
  const fc = policy.namedVariables().get('h.0.mlp.c_fc.weight')!;
  fc.assign(tf.onesLike(fc));
  assert.is(ref.trainable, false);
  assert.equal(ref.namedVariables().get('h.0.mlp.c_fc.weight')!.dataSync(), before);
  await new NodeTester(frozen).run({ invalid: [{ inputs: { model: { kind: 'model' } }, messageId: 'notFreezable' }] });
  policy.dispose();
  ref.dispose();
});

test('models.load: a folder relative to the recipe, trainable or not', async () => {
  const recipeDir = tempDir();
  const saved = GptModel.create(gptConfig('tiny', { vocabSize: 16, layers: 1 }), new Rng('load-node'));
  await saveHfFolder(saved, path.join(recipeDir, 'weights', 'sft'));
  const model = runNode<GptModel>(load, {}, { path: 'weights/sft', trainable: false }, testContext({ recipeDir }));
  assert.is(model.trainable, false);
  assert.equal(
    model.namedVariables().get('wpe.weight')!.dataSync(),
    saved.namedVariables().get('wpe.weight')!.dataSync(),
  );
  assert.throws(
    () => runNode(load, {}, { path: 'weights/none' }, testContext({ recipeDir })),
    (e: unknown) => e instanceof SousError && e.file === path.join(recipeDir, 'weights', 'none'),
  );
  saved.dispose();
  model.dispose();
});

test.after(removeTempDirs);

test.run();
