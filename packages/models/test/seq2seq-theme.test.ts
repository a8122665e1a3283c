// Theme Transformer's configuration of the decoder: the gate and theme-aligned positions
// (layout.ts, a hand example) and the gate's meaning (g = 0 everywhere is the decoder alone).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { GptModel, targetLayout, type Seq2SeqConfig } from '../src/index.js';
import { decoderGptConfig } from '../src/seq2seq/config.js';
import { maxAbsDiff } from './helpers/random-weights.js';
import { randomSeq2SeqWeights, seq2seqFrom } from './helpers/seq2seq-weights.js';

const S = 90,
  E = 91; // theme start and end flags

test('layout, by hand: the gate opens at a start flag and closes at the end flag; positions restart inside', () => {
  //          index:   0  1  2  3  4  5  6  7  8  9 10
  const row = [1, 4, S, 7, 8, E, 3, S, 7, 8, 2];
  const { gates, positions } = targetLayout([row], 0, { start: S, end: E });
  assert.equal(Array.from(gates), [0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
  assert.equal(Array.from(positions), [0, 1, 0, 1, 2, 5, 6, 0, 1, 2, 3]);
  // Without flags: every token attends to the source, positions are indices.
  const plain = targetLayout([row], 0, undefined);
  assert.ok(plain.gates.every((g) => g === 1));
  assert.equal(Array.from(plain.positions), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('layout continues across chunks from the carried state (as the KV cache feeds it)', () => {
  const row = [1, 4, S, 7, 8, E, 3, S, 7, 8, 2];
  const flags = { start: S, end: E };
  const whole = targetLayout([row], 0, flags);
  const states = [{ regionStart: -1 }];
  const parts = [
    targetLayout([row.slice(0, 4)], 0, flags, states),
    targetLayout([row.slice(4, 9)], 4, flags, states),
    targetLayout([row.slice(9)], 9, flags, states),
  ];
  assert.equal(
    parts.flatMap((p) => Array.from(p.positions)),
    Array.from(whole.positions),
  );
  assert.equal(
    parts.flatMap((p) => Array.from(p.gates)),
    Array.from(whole.gates),
  );
});

test('g = 0 everywhere: the gated decoder is the GPT on the same decoder weights, whatever the source', async () => {
  await tf.setBackend('cpu');
  const config: Seq2SeqConfig = {
    vocabSize: 12,
    sourceLength: 4,
    targetLength: 6,
    encoderLayers: 1,
    decoderLayers: 2,
    heads: 2,
    dModel: 8,
    dFF: 16,
    layerNormEps: 1e-5,
    gelu: 'tanh',
    padId: 0,
    theme: { start: 10, end: 11 },
  };
  const weights = randomSeq2SeqWeights(config, 'gate-off');
  const model = seq2seqFrom(config, weights);
  const gpt = GptModel.fromWeights(
    decoderGptConfig(config),
    new Map(
      [...weights]
        .filter(([name]) => !name.startsWith('encoder.') && !name.includes('cross'))
        .map(([name, w]) => [name, tf.tensor(w.values, w.shape)] as const),
    ),
  );
  const target = tf.tensor2d([[1, 10, 5, 6, 11, 3]], undefined, 'int32');
  const closed = { gates: new Float32Array(6), positions: Int32Array.from([0, 1, 2, 3, 4, 5]) };
  const open = { gates: new Float32Array(6).fill(1), positions: closed.positions };
  const expected = gpt.logits(target).dataSync();
  const sourceA = tf.tensor2d([[10, 3, 4, 11]], undefined, 'int32');
  const sourceB = tf.tensor2d([[10, 7, 7, 11]], undefined, 'int32');
  assert.ok(maxAbsDiff(model.seq2seqLogits(sourceA, target, closed).dataSync(), expected) < 1e-5);
  assert.ok(maxAbsDiff(model.seq2seqLogits(sourceB, target, closed).dataSync(), expected) < 1e-5);
  // The gate bites: opened, the source changes the logits.
  const openA = model.seq2seqLogits(sourceA, target, open).dataSync();
  assert.ok(maxAbsDiff(openA, expected) > 1e-2);
  assert.ok(maxAbsDiff(openA, model.seq2seqLogits(sourceB, target, open).dataSync()) > 1e-3);
  model.dispose();
  gpt.dispose();
});

test.run();
