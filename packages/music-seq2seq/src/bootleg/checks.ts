// What the port types cannot say about the classifier's inputs, checked at run time: that the
// model is the bootleg CNN and that the images have its size. Each check raises a message of the
// calling node, which spreads these messages into its own.
import { tf, type Fail, type Trainable } from '@sous/core';
import type { Images } from '../style-port-types.js';
import { isBootlegCnn, type BootlegCnn } from './cnn.js';

export const classifierMessages = {
  notClassifier: 'expected an image classifier (music.bootleg_cnn), got {{got}}',
  imageSize: {
    message: 'the images are {{got}} but the classifier takes {{want}}',
    hint: 'Give music.bootleg_cnn the height and width of the images (62 × 64 for bootleg windows).',
  },
  classCount: 'the images have {{got}} classes but the classifier has {{want}} outputs',
  noImages: 'the image set is empty',
} as const;

export function asClassifier(
  model: Trainable,
  images: Images,
  fail: Fail<keyof typeof classifierMessages>,
): BootlegCnn {
  if (!isBootlegCnn(model)) fail('notClassifier', { got: model?.constructor?.name ?? typeof model });
  const cnn = model as BootlegCnn;
  const { height, width, classes } = cnn.options;
  if (images.height !== height || images.width !== width)
    fail('imageSize', { got: `${images.height} × ${images.width}`, want: `${height} × ${width}` });
  if (images.classes.length !== classes) fail('classCount', { got: images.classes.length, want: classes });
  if (images.count === 0) fail('noImages');
  return cnn;
}

/** Mean over the images of −log p(label | image): softmax cross-entropy. */
export function crossEntropy(logits: tf.Tensor2D, labels: Int32Array): tf.Scalar {
  const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), logits.shape[1]);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}
