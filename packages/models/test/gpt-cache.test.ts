import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import type { GptConfig } from '../src/index.js';
import { maxAbsDiff, modelFrom, randomWeights } from './helpers/random-weights.js';

const config: GptConfig = {
  vocabSize: 13,
  contextLength: 10,
  layers: 2,
  heads: 2,
  dModel: 8,
  dFF: 32,
  layerNormEps: 1e-5,
  gelu: 'tanh',
  tiedHead: true,
};
const rng = new Rng('cache-tokens');
const tokens = Array.from({ length: 3 }, () => Array.from({ length: 9 }, () => rng.int(13)));

test('cached decode (prompt prefilled, then token by token) matches the full forward', async () => {
  await tf.setBackend('cpu');
  const model = modelFrom(config, randomWeights(config, 'cache'));
  const input = tf.tensor2d(tokens, undefined, 'int32');
  const full = model.logits(input);
  const before = tf.memory().numTensors;
  const cache = model.newCache(3);
  const steps = [tf.tidy(() => model.decode(tf.slice(input, [0, 0], [3, 4]), cache))];
  assert.is(cache.length, 4);
  for (let t = 4; t < 9; t++) steps.push(tf.tidy(() => model.decode(tf.slice(input, [0, t], [3, 1]), cache)));
  assert.is(cache.length, 9);
  const stepped = tf.concat(steps, 1);
  assert.equal(stepped.shape, [3, 9, 13]);
  assert.ok(maxAbsDiff(stepped.dataSync(), full.dataSync()) < 1e-5);
  tf.dispose([...steps, stepped]);
  cache.dispose();
  assert.is(tf.memory().numTensors, before, 'the cache and the decode steps leave no tensor behind');
  tf.dispose([input, full]);
  model.dispose();
});

test("decode inside a caller's tidy keeps the cache alive; two chunks equal one", async () => {
  await tf.setBackend('cpu');
  const model = modelFrom(config, randomWeights(config, 'cache-2'));
  const input = tf.tensor2d(tokens, undefined, 'int32');
  const full = model.logits(input);
  const cache = model.newCache(3);
  tf.tidy(() => {
    model.decode(tf.slice(input, [0, 0], [3, 5]), cache);
  });
  const rest = tf.tidy(() => model.decode(tf.slice(input, [0, 5], [3, 4]), cache));
  const expected = tf.slice(full, [0, 5, 0], [3, 4, 13]);
  assert.ok(maxAbsDiff(rest.dataSync(), expected.dataSync()) < 1e-5);
  tf.dispose([input, full, rest, expected]);
  cache.dispose();
  model.dispose();
});

test('decode errors: context overflow, foreign or disposed cache, batch mismatch', async () => {
  await tf.setBackend('cpu');
  const model = modelFrom(config, randomWeights(config, 'cache-3'));
  const other = model.frozenCopy();
  const cache = model.newCache(2);
  const six = tf.zeros([2, 6], 'int32') as tf.Tensor2D;
  tf.dispose(model.decode(six, cache));
  assert.throws(
    () => model.decode(six, cache),
    /reaches position 12 but the context length is 10 \(6 positions already in the KV cache\)/,
  );
  assert.throws(() => other.decode(six, cache), /cache was not made by this model/);
  const three = tf.zeros([3, 1], 'int32') as tf.Tensor2D;
  assert.throws(() => model.decode(three, cache), /3 sequences given to a cache made for 2/);
  cache.dispose();
  assert.throws(() => model.decode(six, cache), /cache was disposed/);
  assert.throws(() => model.newCache(0), /positive batch size/);
  assert.throws(() => model.newCache(2, 11), /between 1 and the context length \(10\) positions, found 11/);
  assert.throws(() => model.newCache(2, 0), /found 0/);
  const small = model.newCache(2, 6);
  tf.dispose(model.decode(six, small));
  const one = tf.zeros([2, 1], 'int32') as tf.Tensor2D;
  assert.throws(
    () => model.decode(one, small),
    /1 new position\(s\) do not fit a KV cache of 6 positions that holds 6/,
  );
  small.dispose();
  one.dispose();
  tf.dispose([six, three]);
  model.dispose();
  other.dispose();
});

test.run();
