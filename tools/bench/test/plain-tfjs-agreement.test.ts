// The plain TensorFlow.js baseline (grpo/plain-tfjs.ts, a row of the README's Performance
// table) computes the same workload as sous: the check batch through its own forward, loss and
// AdamW agrees with sous's check recipe, step by step, to the rule sous and PyTorch are held to
// (agreement.ts: 1e-5 relative, 1e-7 absolute for values that are 0 up to float32 rounding).
// 2 steps: step 0 is on-policy, step 1 follows one AdamW update. Both run on sous's native
// backend (tfjs-wasm with the addon's kernels), a few seconds; on plain wasm it takes minutes.
// This checks what the program computes, not the speed of tfjs's own kernels.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { probeBackends } from '@sous/runtime';
import { checkPasses, disagreements } from '../grpo/agreement.js';
import { plainCheck } from '../grpo/plain-tfjs.js';
import { sousCheck } from '../grpo/sous.js';
import { whenAvailable } from '../../test/prerequisites.js';

const STEPS = 2;
const native = (await probeBackends()).find((b) => b.name === 'native')!;

// Without the native addon this fails in CI and is skipped elsewhere.
whenAvailable(test, native.available ? undefined : `the native backend (${native.reason})`, (test) => {
  test('plain tfjs agrees with sous on the grpo-tiny check batch, on native', async () => {
    const before: string | undefined = tf.getBackend();
    try {
      const ours = await sousCheck(STEPS, 'native');
      const plain = plainCheck(STEPS);
      assert.is(plain.length, STEPS);
      assert.equal(disagreements(plain, ours), [], JSON.stringify({ plain, ours }));
      assert.ok(checkPasses(plain), `the loss must fall: ${plain.map((s) => s.loss).join(', ')}`);
    } finally {
      if (before) await tf.setBackend(before);
    }
  });
});

test.run();
