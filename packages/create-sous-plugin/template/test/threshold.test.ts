import { NodeTester } from '@sous/core/testing';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import plugin from '../src/index.js';
import { threshold } from '../src/nodes/threshold.js';

test('__namespace__.threshold passes rewards at or above `at` and refuses below >= above', async () => {
  await new NodeTester(threshold, plugin).run({
    valid: [
      {
        name: 'at 0.5: 0.2 fails, 0.5 and 0.9 pass, NaN stays NaN',
        inputs: { reward: Float32Array.from([0.2, 0.5, 0.9, NaN]) },
        expect: Float32Array.from([0, 1, 1, NaN]),
        // Two of the three scored rewards passed.
        check: (_output, ctx) => assert.is(ctx.metrics.pass_share, 2 / 3),
      },
      {
        name: 'custom rewards for pass and fail',
        inputs: { reward: Float32Array.from([1, 3]) },
        params: { at: 2, below: -1, above: 0.5 },
        expect: Float32Array.from([-1, 0.5]),
      },
    ],
    invalid: [
      {
        inputs: { reward: Float32Array.from([0]) },
        params: { below: 1, above: 1 },
        messageId: 'order',
        data: { below: 1, above: 1 },
      },
      { inputs: { reward: Float32Array.from([0]) }, params: { at: 'half' }, error: /^parameter at:/ },
    ],
  });
});

test.run();
