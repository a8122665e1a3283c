// music.classifier_nll: softmax cross-entropy of the image classifier on a batch.
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { asClassifier, classifierMessages, crossEntropy } from '../bootleg/checks.js';

export const classifierNll = defineNode({
  name: 'classifier_nll',
  kind: 'loss',
  doc: 'Cross-entropy of an image classifier: mean over the batch of −log p(label | image) under the softmax of its logits.',
  params: z.object({}),
  inputs: {
    model: { type: 'Model', doc: 'The classifier being trained (music.bootleg_cnn).' },
    batch: { type: 'Images', doc: 'Labelled images, e.g. music.image_batch(train).' },
  },
  output: 'Loss',
  messages: classifierMessages,
  run({ model, batch }, _params, ctx) {
    const cnn = asClassifier(model, batch, ctx.fail);
    return crossEntropy(cnn.logits(batch.pixels, batch.count), batch.labels);
  },
});
