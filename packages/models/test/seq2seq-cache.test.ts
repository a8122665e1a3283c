// Cached decoding of a Seq2SeqModel (source gathered, encoded once, then target token by token)
// against the full forward pass, with and without Theme Transformer's gates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generate, Rng, tf } from '@sous/core';
import { selectBackend } from '@sous/runtime';
import type { Seq2SeqConfig } from '../src/index.js';
import { maxAbsDiff } from './helpers/random-weights.js';
import { referenceSeq2SeqLogits } from './helpers/reference-seq2seq.js';
import { targetLayout } from '../src/index.js';
import { randomSeq2SeqWeights, seq2seqFrom } from './helpers/seq2seq-weights.js';

const theme = { start: 9, end: 10 };
const config: Seq2SeqConfig = {
  vocabSize: 11,
  sourceLength: 4,
  targetLength: 8,
  encoderLayers: 1,
  decoderLayers: 2,
  heads: 2,
  dModel: 8,
  dFF: 16,
  layerNormEps: 1e-5,
  gelu: 'exact',
  padId: 0,
};
// Packed rows: 4 source tokens (row 2 padded), then a target that opens and closes theme regions.
const rows = [
  [9, 3, 5, 10, 1, 2, 9, 3, 5, 10, 4, 9],
  [9, 6, 0, 0, 1, 9, 6, 10, 7, 7, 9, 6],
];

/**
 * The tolerance is derived, not guessed: the full and the cached pass compute the same function in
 * float32 with different summation orders, each within `err` of the exact (float64) logits, so
 * they differ by at most 2·err; `err` is measured here against the float64 reference.
 */
function float32Error(cfg: Seq2SeqConfig, weights: ReturnType<typeof randomSeq2SeqWeights>, full: tf.Tensor3D): number {
  const targets = rows.map((row) => row.slice(4));
  const layout = targetLayout(targets, 0, cfg.theme);
  const exact = targets.flatMap((target, b) => [
    ...new Array(4 * 11).fill(0),
    ...referenceSeq2SeqLogits(
      cfg,
      weights,
      rows[b].slice(0, 4),
      target,
      Array.from(layout.gates.subarray(b * 8, b * 8 + 8)),
      Array.from(layout.positions.subarray(b * 8, b * 8 + 8)),
    ).flat(),
  ]);
  return maxAbsDiff(full.dataSync(), exact);
}

// On native the decoder's keys/values go into preallocated buffers written in place by the fused
// kernel; on cpu they grow by concatenation.
for (const [backend, flags] of [
  ['cpu', undefined],
  ['cpu', theme],
  ['native', theme],
] as const) {
  test(`${backend}: cached decoding equals the full forward (${flags ? 'gated, theme-aligned positions' : 'sequential'}); no tensor left`, async () => {
    await selectBackend(backend);
    const cfg = { ...config, theme: flags };
    const weights = randomSeq2SeqWeights(cfg, 'cache');
    const model = seq2seqFrom(cfg, weights);
    const input = tf.tensor2d(rows, undefined, 'int32');
    const full = model.logits(input);
    const tolerance = 2 * float32Error(cfg, weights, full);
    assert.ok(tolerance < 1e-4, `float32 forward error ${tolerance / 2}`);
    const before = tf.memory().numTensors;
    const cache = model.newCache(2);
    assert.is(cache.selfAttention.capacity, 8, 'the target length');
    // Chunks: part of the source; the rest of it with the first target tokens; then one by one.
    const steps = [
      tf.tidy(() => model.decode(tf.slice(input, [0, 0], [2, 2]), cache)),
      tf.tidy(() => model.decode(tf.slice(input, [0, 2], [2, 4]), cache)),
    ];
    assert.is(cache.length, 6);
    for (let t = 6; t < 12; t++) steps.push(tf.tidy(() => model.decode(tf.slice(input, [0, t], [2, 1]), cache)));
    const stepped = tf.concat(steps, 1);
    assert.equal(stepped.shape, [2, 12, 11]);
    assert.ok(maxAbsDiff(stepped.dataSync(), full.dataSync()) <= tolerance);
    assert.is(cache.selfAttention.preallocated, backend === 'native');
    tf.dispose([...steps, stepped]);
    cache.dispose();
    assert.is(tf.memory().numTensors, before, 'the cache and the decode steps leave no tensor behind');
    tf.dispose([input, full]);
    model.dispose();
  });
}

test('decode errors: overflow, foreign or disposed cache, batch mismatch', async () => {
  await tf.setBackend('cpu');
  const model = seq2seqFrom(config, randomSeq2SeqWeights(config, 'errors'));
  const other = model.frozenCopy();
  const cache = model.newCache(2);
  const seven = tf.ones([2, 7], 'int32') as tf.Tensor2D;
  tf.dispose(model.decode(seven, cache));
  assert.throws(
    () => model.decode(seven, cache),
    /reaches position 14 but source \+ target hold 12 \(7 positions already/,
  );
  assert.throws(() => other.decode(seven, cache), /cache was not made by this model/);
  assert.throws(
    () => model.decode(tf.ones([3, 1], 'int32') as tf.Tensor2D, cache),
    /3 sequences given to a cache made for 2/,
  );
  cache.dispose();
  assert.throws(() => model.decode(seven, cache), /cache was disposed/);
  assert.throws(() => model.newCache(0), /positive batch size/);
  model.dispose();
  other.dispose();
});

test("core's generate samples from the decoder: greedy picks equal the full forward's argmax", async () => {
  await tf.setBackend('cpu');
  const cfg = { ...config, theme };
  const model = seq2seqFrom(cfg, randomSeq2SeqWeights(cfg, 'generate'));
  const prompt = [9, 3, 5, 10, 1];
  const out = await generate(model, [{ prompt }], {
    maxNew: 6,
    stop: [],
    pad: 0,
    rng: new Rng('g'),
    temperature: 0,
    topK: 0,
    topP: 1,
  });
  const completion = out.completions[0];
  assert.is(completion.length, 6);
  const row = [...prompt, ...completion];
  const logits = model.logits(tf.tensor2d([row.slice(0, -1)], undefined, 'int32'));
  const argmax = tf.argMax(logits, -1).dataSync();
  assert.equal(Array.from(argmax.subarray(4)), completion);
  model.dispose();
});

test.run();
