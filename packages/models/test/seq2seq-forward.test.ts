// Seq2SeqModel against the independent float64 forward (helpers/reference-seq2seq.ts): logits,
// source padding in the encoder and in cross-attention, the packed LanguageModel view, errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { targetLayout, type Seq2SeqConfig } from '../src/index.js';
import { maxAbsDiff } from './helpers/random-weights.js';
import { referenceSeq2SeqLogits } from './helpers/reference-seq2seq.js';
import { randomSeq2SeqWeights, seq2seqFrom } from './helpers/seq2seq-weights.js';

const config: Seq2SeqConfig = {
  vocabSize: 11,
  sourceLength: 5,
  targetLength: 6,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  dModel: 8,
  dFF: 16,
  layerNormEps: 1e-5,
  gelu: 'tanh',
  padId: 0,
};
// Row 1's source ends in two pads.
const sources = [
  [3, 7, 1, 9, 4],
  [5, 2, 8, 0, 0],
];
const targets = [
  [1, 6, 6, 2, 10, 3],
  [1, 4, 9, 7, 5, 8],
];

/** float32 rounding of one forward pass: the tolerance every comparison with float64 uses. */
const FLOAT32_FORWARD = 1e-4;

for (const theme of [undefined, { start: 9, end: 10 }]) {
  test(`logits equal the float64 reference (${theme ? 'gated parallel, theme flags' : 'sequential cross-attention'})`, async () => {
    await tf.setBackend('cpu');
    const cfg = { ...config, theme };
    const weights = randomSeq2SeqWeights(cfg, 'forward');
    const model = seq2seqFrom(cfg, weights);
    const logits = model.seq2seqLogits(
      tf.tensor2d(sources, undefined, 'int32'),
      tf.tensor2d(targets, undefined, 'int32'),
    );
    const layout = targetLayout(targets, 0, theme);
    const expected = targets.flatMap((target, b) =>
      referenceSeq2SeqLogits(
        cfg,
        weights,
        sources[b],
        target,
        Array.from(layout.gates.subarray(b * 6, b * 6 + 6)),
        Array.from(layout.positions.subarray(b * 6, b * 6 + 6)),
      ).flat(),
    );
    assert.ok(maxAbsDiff(logits.dataSync(), expected) < FLOAT32_FORWARD);
    if (theme) assert.ok(layout.gates.some((g) => g === 0) && layout.gates.some((g) => g === 1));
    model.dispose();
  });
}

test('source padding: neither the encoder nor cross-attention sees it', async () => {
  await tf.setBackend('cpu');
  const weights = randomSeq2SeqWeights(config, 'padding');
  const model = seq2seqFrom(config, weights);
  const target = tf.tensor2d(targets, undefined, 'int32');
  const logits = (src: number[][]) => model.seq2seqLogits(tf.tensor2d(src, undefined, 'int32'), target).dataSync();
  const base = logits(sources);
  // Same tokens at a padded position change nothing once it is padding, and everything when it is not.
  const movedPad = [sources[0], [5, 2, 8, 0, 0]];
  assert.ok(maxAbsDiff(base, logits(movedPad)) === 0);
  const unpadded = [sources[0], [5, 2, 8, 6, 0]];
  assert.ok(maxAbsDiff(base.subarray(66), logits(unpadded).subarray(66)) > 1e-3, 'a real token at position 3 is seen');
  // The float64 reference that drops the padded keys agrees: the mask hides them (−1e9 ⇒ weight 0).
  const expected = referenceSeq2SeqLogits(
    config,
    weights,
    sources[1],
    targets[1],
    [1, 1, 1, 1, 1, 1],
    [0, 1, 2, 3, 4, 5],
  ).flat();
  assert.ok(maxAbsDiff(base.subarray(66), expected) < FLOAT32_FORWARD);
  model.dispose();
});

test('the packed view: S source tokens then the target; zeros where nothing is predicted', async () => {
  await tf.setBackend('cpu');
  const model = seq2seqFrom(config, randomSeq2SeqWeights(config, 'packed'));
  const packed = tf.tensor2d(
    sources.map((s, b) => [...s, ...targets[b]]),
    undefined,
    'int32',
  );
  const logits = model.logits(packed);
  assert.equal(logits.shape, [2, 11, 11]);
  const direct = model.seq2seqLogits(
    tf.tensor2d(sources, undefined, 'int32'),
    tf.tensor2d(targets, undefined, 'int32'),
  );
  assert.is(maxAbsDiff(tf.slice(logits, [0, 5, 0], [2, 6, 11]).dataSync(), direct.dataSync()), 0);
  assert.ok(
    tf
      .slice(logits, [0, 0, 0], [2, 5, 11])
      .dataSync()
      .every((x) => x === 0),
  );
  assert.is(model.contextLength, 11);
  assert.throws(() => model.logits(tf.tensor2d([sources[0]], undefined, 'int32')), /a row of 5 tokens has no target/);
  assert.throws(() => model.logits(tf.zeros([1, 12], 'int32') as tf.Tensor2D), /rows of 12 tokens exceed the 11/);
  model.dispose();
});

test('bad configs and inputs are clear errors', async () => {
  await tf.setBackend('cpu');
  const weights = randomSeq2SeqWeights(config, 'errors');
  assert.throws(() => seq2seqFrom({ ...config, heads: 3 }, weights), /d_model 8 is not divisible by heads 3/);
  assert.throws(
    () => seq2seqFrom({ ...config, encoderLayers: 0 }, weights),
    /encoderLayers must be a positive integer, found 0/,
  );
  assert.throws(
    () => seq2seqFrom({ ...config, padId: 11 }, weights),
    /padId 11 is not a token id of a vocabulary of 11/,
  );
  assert.throws(
    () => seq2seqFrom({ ...config, theme: { start: 4, end: 4 } }, weights),
    /start and end flags must differ/,
  );
  assert.throws(
    () => seq2seqFrom({ ...config, dFF: 32 }, weights),
    /weight "h.0.mlp.c_fc.weight" has shape \[8,16\], expected \[8,32\]/,
  );
  const model = seq2seqFrom(config, weights);
  const target = tf.tensor2d(targets, undefined, 'int32');
  assert.throws(
    () => model.seq2seqLogits(tf.tensor2d([[1, 2, 3]], undefined, 'int32'), target),
    /source must have 5 tokens \(pad it with 0\), found 3/,
  );
  assert.throws(
    () => model.seq2seqLogits(tf.tensor2d([sources[0]], undefined, 'int32'), target),
    /1 sources for 2 targets/,
  );
  assert.throws(() => model.seq2seqLogits(tf.tensor2d(sources), target), /source tokens must be an int32 tensor/);
  const tooFar = { gates: new Float32Array(12), positions: new Int32Array(12).fill(6) };
  assert.throws(
    () => model.seq2seqLogits(tf.tensor2d(sources, undefined, 'int32'), target, tooFar),
    /positions must lie in \[0, 6\)/,
  );
  model.dispose();
});

test.run();
