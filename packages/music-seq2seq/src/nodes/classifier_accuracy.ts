// music.classifier_accuracy: held-out accuracy and cross-entropy of the image classifier.
import { z } from 'zod';
import { defineNode, tf, type Metrics } from '@sous/core';
import { asClassifier, classifierMessages, crossEntropy } from '../bootleg/checks.js';

export const classifierAccuracy = defineNode({
  name: 'classifier_accuracy',
  kind: 'eval',
  doc: 'Share of the images whose most probable class is their label (`accuracy`, chance 1/K), and the mean cross-entropy (`nll`).',
  params: z.object({ batch: z.number().int().min(1).max(100_000).default(256).describe('Images per forward pass.') }),
  inputs: {
    model: { type: 'Model', doc: 'The classifier (music.bootleg_cnn).' },
    images: { type: 'Images', doc: 'Held-out labelled images, e.g. music.bootleg(corpus.test).' },
  },
  output: 'Metrics',
  messages: classifierMessages,
  run({ model, images }, { batch }, ctx): Metrics {
    const cnn = asClassifier(model, images, ctx.fail);
    const area = images.height * images.width;
    let correct = 0;
    let nll = 0;
    for (let first = 0; first < images.count; first += batch) {
      const count = Math.min(batch, images.count - first);
      const labels = images.labels.subarray(first, first + count);
      const [predicted, loss] = tf.tidy(() => {
        const logits = cnn.logits(images.pixels.subarray(first * area, (first + count) * area), count);
        return [tf.argMax(logits, 1).dataSync(), crossEntropy(logits, labels).dataSync()[0]] as const;
      });
      predicted.forEach((p, i) => (correct += p === labels[i] ? 1 : 0));
      nll += loss * count;
    }
    return { accuracy: correct / images.count, nll: nll / images.count };
  },
});
