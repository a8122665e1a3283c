import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeTester, runNode } from '@sous/core/testing';
import { classAccuracy } from '../src/nodes/class_accuracy.js';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { lognormalMixture } from '../src/nodes/lognormal_mixture.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';

// Four modes on a ring of radius 2 at (2, 0), (0, 2), (−2, 0), (0, −2); two classes: k mod 2.
const data = runNode<Distribution>(
  gaussianMixture,
  {},
  { components: 4, radius: 2, std: 0.3, classes: 2, train_size: 4, test_size: 4 },
);

test('class_accuracy: the share of samples whose most probable class is the one they carry', () => {
  // Near (2, 0) and (−2, 0): class 0; near (0, 2): class 1. Labels 0, 0, 0, 1 → three right of four.
  const samples = makePoints(Float32Array.of(1.9, 0.1, -2.1, 0, 0.1, 2, 0, 2.2), 2, Int32Array.of(0, 0, 0, 1));
  assert.equal(runNode(classAccuracy, { samples, data }), { class_accuracy: 0.75 });
  const flipped = makePoints(samples.values, 2, Int32Array.of(1, 1, 1, 0)); // two classes: every verdict flips
  assert.equal(runNode(classAccuracy, { samples: flipped, data }), { class_accuracy: 0.25 });
});

test('class_accuracy: unlabelled samples, data without a mixture in data space, and other dimensions are errors', async () => {
  const positive = runNode<Distribution>(lognormalMixture, {}, { train_size: 4, test_size: 4 });
  const labelled = makePoints(Float32Array.of(1, 1), 2, Int32Array.of(0));
  await new NodeTester(classAccuracy).run({
    invalid: [
      { inputs: { samples: makePoints(Float32Array.of(1, 1), 2), data }, messageId: 'noLabels' },
      { inputs: { samples: labelled, data: positive }, messageId: 'noMixture', data: { name: 'lognormal_mixture(3)' } },
      {
        inputs: { samples: makePoints(Float32Array.of(1), 1, Int32Array.of(0)), data },
        messageId: 'pointsDim',
        data: { got: 1, want: 2 },
      },
    ],
  });
});

test.run();
