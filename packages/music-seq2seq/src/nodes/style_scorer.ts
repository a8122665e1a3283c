// music.style_scorer: the bootleg CNN read as a sequence classifier over sampled REMI rows, what
// rewards.style_classifier asks of a model: tokens → piece (music.decode's decoder) → bootleg
// windows (music.bootleg's rasteriser) → log-softmax of the CNN's logits, per window.
import { z } from 'zod';
import { defineNode, type SequenceClassifier, tf } from '@sous/core';
import { PBSCR } from '@sous/core/references';
import { asClassifier, classifierMessages } from '../bootleg/checks.js';
import { bootlegScore, bootlegWindows, WINDOW_COLUMNS } from '../bootleg/rasterise.js';
import { BOOTLEG_ROWS } from '../bootleg/staff.js';
import { decodeRollout, remiVocabularyOf, rolloutsMessages } from '../tokenizers/rollouts.js';

export const styleScorer = defineNode({
  name: 'style_scorer',
  kind: 'transform',
  doc:
    'The bootleg CNN (music.bootleg_cnn) as a sequence classifier for rewards.style_classifier: each sampled ' +
    'sequence (prompt and completion) is decoded with the REMI vocabulary it was sampled in (as music.decode), ' +
    'rasterised to 62 × 64 bootleg windows every `hop` columns (as music.bootleg; the first `max_windows` kept, a ' +
    'short piece padded to one window), and each window gets the log-softmax of the CNN’s logits. A piece ' +
    'without notes has no window (the reward abstains). Classes are named as in `images`, the CNN’s training ' +
    'images. The classifier reads the CNN’s weights when it scores, so it can be made before the CNN is trained.',
  references: [PBSCR],
  params: z.object({
    hop: z.number().int().min(1).max(WINDOW_COLUMNS).default(WINDOW_COLUMNS).describe('Columns between window starts.'),
    max_windows: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(1)
      .describe('Windows scored per sequence, from its start.'),
    batch: z.number().int().min(1).max(100_000).default(256).describe('Windows per forward pass of the CNN.'),
  }),
  inputs: {
    model: { type: 'Model', doc: 'The classifier (music.bootleg_cnn).' },
    images: {
      type: 'Images',
      doc: 'Images the classifier was trained on (e.g. music.bootleg(corpus.train)): they name its classes.',
    },
  },
  output: 'SequenceClassifier',
  messages: { ...classifierMessages, ...rolloutsMessages },
  run({ model, images }, { hop, max_windows, batch }, ctx): SequenceClassifier {
    const cnn = asClassifier(model, images, ctx.fail);
    if (cnn.options.height !== BOOTLEG_ROWS || cnn.options.width !== WINDOW_COLUMNS)
      ctx.fail('imageSize', {
        got: `${BOOTLEG_ROWS} × ${WINDOW_COLUMNS}`,
        want: `${cnn.options.height} × ${cnn.options.width}`,
      });
    const classes = images.classes;
    const area = cnn.options.height * cnn.options.width;
    return {
      kind: 'sequence_classifier',
      classes,
      windowLogProbs(rollouts) {
        const vocab = remiVocabularyOf(rollouts, ctx.fail);
        const windows = Array.from({ length: rollouts.size }, (_, i) =>
          bootlegWindows(bootlegScore(decodeRollout(vocab, rollouts, i).piece), hop).slice(0, max_windows),
        );
        const all = windows.flat();
        const logProbs = new Float32Array(all.length * classes.length);
        for (let first = 0; first < all.length; first += batch) {
          const part = all.slice(first, first + batch);
          const pixels = new Float32Array(part.length * area);
          part.forEach((window, i) => pixels.set(window, i * area));
          const scores = tf.tidy(() => tf.logSoftmax(cnn.logits(pixels, part.length)).dataSync());
          logProbs.set(scores, first * classes.length);
        }
        let next = 0;
        return windows.map((own) => {
          const row = Float64Array.from(logProbs.subarray(next, next + own.length * classes.length));
          next += own.length * classes.length;
          return row;
        });
      },
    };
  },
});
