// Seq2SeqModel's gradients (encoder, cross-attention and gated decoder weights) against central
// finite differences of the independent float64 forward.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { targetLayout, type Seq2SeqConfig } from '../src/index.js';
import type { Weights } from './helpers/reference-gpt.js';
import { referenceSeq2SeqLogits } from './helpers/reference-seq2seq.js';
import { checkFiniteDifferences } from './helpers/finite-differences.js';
import { randomSeq2SeqWeights, seq2seqFrom } from './helpers/seq2seq-weights.js';

const config: Seq2SeqConfig = {
  vocabSize: 7,
  sourceLength: 3,
  targetLength: 4,
  encoderLayers: 1,
  decoderLayers: 1,
  heads: 2,
  dModel: 4,
  dFF: 8,
  layerNormEps: 1e-5,
  gelu: 'exact',
  padId: 0,
};
const sources = [
  [2, 5, 0],
  [6, 1, 3],
];
const targets = [
  [1, 5, 2, 6],
  [5, 4, 3, 2],
];

for (const theme of [undefined, { start: 5, end: 6 }]) {
  test(`every weight's gradient matches finite differences (${theme ? 'gated' : 'sequential'})`, async () => {
    await tf.setBackend('cpu');
    const cfg = { ...config, theme };
    const weights = randomSeq2SeqWeights(cfg, 'grad', 0.5);
    const layout = targetLayout(targets, 0, theme);
    const rng = new Rng('probe');
    const probe = Array.from({ length: 2 * 4 * 7 }, () => rng.normal());
    const referenceLoss = (w: Weights) =>
      targets
        .flatMap((target, b) =>
          referenceSeq2SeqLogits(
            cfg,
            w,
            sources[b],
            target,
            Array.from(layout.gates.subarray(b * 4, b * 4 + 4)),
            Array.from(layout.positions.subarray(b * 4, b * 4 + 4)),
          ).flat(),
        )
        .reduce((s, x, i) => s + x * probe[i], 0);
    const model = seq2seqFrom(cfg, weights);
    const source = tf.tensor2d(sources, undefined, 'int32');
    const target = tf.tensor2d(targets, undefined, 'int32');
    const probeTensor = tf.tensor3d(probe, [2, 4, 7]);
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(model.seq2seqLogits(source, target), probeTensor)) as tf.Scalar,
      [...model.namedVariables().values()],
    );
    const byName = new Map([...model.namedVariables()].map(([name, v]) => [name, grads[v.name].dataSync()]));
    const checked = checkFiniteDifferences(weights, referenceLoss, byName, rng, 2);
    assert.ok(checked >= 2 * 30);
    // The encoder learns through cross-attention: its weights get gradient.
    assert.ok(byName.get('encoder.h.0.attn.c_attn.weight')!.some((g) => Math.abs(g) > 1e-6));
    tf.dispose([value, source, target, probeTensor, ...Object.values(grads)]);
    model.dispose();
  });
}

test.run();
