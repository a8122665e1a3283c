// music.style_scorer: sampled REMI rows scored by the bootleg CNN, window by window, as the CNN
// scores the bootleg windows of the pieces the rows spell.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, type SequenceClassifier, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { BootlegCnn } from '../src/bootleg/cnn.js';
import { bootlegScore, bootlegWindows } from '../src/bootleg/rasterise.js';
import { COMPOSERS, composePiece } from '../src/composers/composers.js';
import { styleScorer } from '../src/nodes/style_scorer.js';
import { quantise } from '../src/tokenizers/quantise.js';
import { RemiTokenizer } from '../src/tokenizers/remi.js';
import { tokenizerConfig } from '../src/tokenizers/config.js';
import { RemiVocabulary } from '../src/tokenizers/vocabulary.js';
import type { Images } from '../src/style-port-types.js';
import { pieceOf, rolloutsOf } from './pieces.js';

const config = tokenizerConfig({
  pitchRange: [36, 84],
  maxDurationBeats: 2,
  families: { velocity: false, tempo: false, chord: false, timeSignature: false, program: false },
});
const vocab = new RemiVocabulary(new RemiTokenizer(config));
const classes = ['stepwise', 'arpeggios', 'leaps', 'repeats'];
const cnn = new BootlegCnn(
  { height: 62, width: 64, classes: 4, filters: 3, kernelHeight: 9, kernelWidth: 3, hidden: 5 },
  new Rng('style scorer'),
);
const images: Images = {
  kind: 'images',
  count: 1,
  height: 62,
  width: 64,
  pixels: new Float32Array(62 * 64),
  labels: Int32Array.of(0),
  classes,
};

/** log softmax of the CNN's logits for each window, computed here in float64 from the logits. */
function expectedLogProbs(windows: Uint8Array[]): number[] {
  const pixels = new Float32Array(windows.length * 62 * 64);
  windows.forEach((w, i) => pixels.set(w, i * 62 * 64));
  const logits = cnn.logits(pixels, windows.length).arraySync();
  return logits.flatMap((row) => {
    const logSumExp = Math.log(row.reduce((s, z) => s + Math.exp(z), 0));
    return row.map((z) => z - logSumExp);
  });
}

function close(actual: ArrayLike<number>, expected: number[], what: string): void {
  assert.is(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) < 1e-5, `${what} [${i}]: ${actual[i]} vs ${expected[i]}`);
}

test('a hand-made REMI row is scored as the CNN scores the bootleg window of the piece it spells', () => {
  // Two beats: C5 and G2 together, E5 an eighth later, then G5 over C2 on beat 2.
  const row = [
    vocab.bos,
    ...vocab.encode(
      'Bar Position_0 Pitch_72 Duration_2 Pitch_43 Duration_4 Position_2 Pitch_76 Duration_2 ' +
        'Position_4 Pitch_79 Duration_4 Pitch_36 Duration_4',
    ),
    vocab.eos,
  ];
  // The bootleg score reads onsets and pitches only: the durations and velocities are left out.
  const known = pieceOf([
    [72, 0],
    [43, 0],
    [76, 240],
    [79, 480],
    [36, 480],
  ]);
  const window = bootlegWindows(bootlegScore(known));
  assert.is(window.length, 1);
  // Three onset columns (C5 + G2, E5, G5 + C2), the other 61 empty.
  const filled = Array.from({ length: 64 }, (_, c) => window[0].some((v, k) => v === 1 && k % 64 === c));
  assert.equal(
    filled.map((f, c) => (f ? c : -1)).filter((c) => c >= 0),
    [0, 1, 2],
  );
  const scorer = runNode<SequenceClassifier>(styleScorer, { model: cnn, images });
  assert.is(scorer.kind, 'sequence_classifier');
  assert.equal(scorer.classes, classes);
  const [scores, empty] = scorer.windowLogProbs(rolloutsOf([row, [vocab.bos, vocab.eos]], vocab));
  assert.ok(scores instanceof Float64Array);
  close(scores, expectedLogProbs(window), 'hand-made row');
  close([scores.reduce((sum, v) => sum + Math.exp(v), 0)], [1], 'probabilities sum to 1');
  // No notes, no window: the reward abstains for it.
  assert.is(empty.length, 0);
});

test('longer pieces: max_windows windows every hop columns, whatever the forward batch', () => {
  const pieces = [0, 2].map((c, i) => composePiece(COMPOSERS[c], 96, new Rng(`piece ${i}`)));
  const rows = pieces.map((piece) => vocab.remi.encode(piece));
  const rollouts = rolloutsOf(rows, vocab);
  const params = { hop: 8, max_windows: 3 };
  const scorer = runNode<SequenceClassifier>(styleScorer, { model: cnn, images }, params);
  const small = runNode<SequenceClassifier>(styleScorer, { model: cnn, images }, { ...params, batch: 2 });
  const [first, second] = scorer.windowLogProbs(rollouts);
  const again = small.windowLogProbs(rollouts);
  pieces.forEach((piece, i) => {
    const windows = bootlegWindows(bootlegScore(quantise(piece, config)), 8).slice(0, 3);
    assert.is(windows.length, 3);
    close([first, second][i], expectedLogProbs(windows), `piece ${i}`);
    close(again[i], Array.from([first, second][i]), `piece ${i}, batch 2`);
  });
  // The scorer reads the CNN's weights when it scores: a trained CNN scores differently.
  const bias = cnn.namedVariables().get('out.bias')!;
  const before = bias.arraySync() as number[];
  bias.assign(tf.tensor1d([5, 0, 0, 0]));
  const after = scorer.windowLogProbs(rollouts)[0];
  close(after, expectedLogProbs(bootlegWindows(bootlegScore(quantise(pieces[0], config)), 8).slice(0, 3)), 'after');
  assert.ok(after[0] > first[0]);
  bias.assign(tf.tensor1d(before));
});

test('bad inputs: another model, a CNN of another size or class count, rollouts of another tokenizer', async () => {
  const small = new BootlegCnn(
    { height: 5, width: 4, classes: 4, filters: 2, kernelHeight: 3, kernelWidth: 2, hidden: 4 },
    new Rng('small'),
  );
  await new NodeTester(styleScorer).run({
    valid: [{ inputs: { model: cnn, images } }],
    invalid: [
      { inputs: { model: { kind: 'model' }, images }, messageId: 'notClassifier' },
      { inputs: { model: cnn, images: { ...images, classes: ['a', 'b'] } }, messageId: 'classCount' },
      { inputs: { model: cnn, images: { ...images, count: 0 } }, messageId: 'noImages' },
      {
        inputs: { model: small, images: { ...images, height: 5, width: 4, pixels: new Float32Array(20) } },
        messageId: 'imageSize',
      },
      { inputs: { model: cnn, images: { ...images, width: 32 } }, messageId: 'imageSize' },
    ],
  });
  const scorer = runNode<SequenceClassifier>(styleScorer, { model: cnn, images });
  const other = { vocabSize: 3, bos: 0, eos: 1, pad: 2, encode: () => [], decode: () => '' };
  assert.throws(() => scorer.windowLogProbs(rolloutsOf([[0, 1]], other as never)), /not a REMI vocabulary/);
});

test.run();
