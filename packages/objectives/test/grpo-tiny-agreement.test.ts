// The grpo-tiny benchmark's check batch (tools/bench/grpo-tiny): sous — the check recipe run by
// the runtime with samplers' and objectives' own nodes — agrees with the PyTorch reference script
// to 1e-5 relative, step by step. Needs PyTorch (CI installs Debian's python3-torch); 2 steps keep
// it short (step 0 is on-policy, step 1 the first off-policy step after an AdamW update).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { probeBackends } from '@sous/runtime';
import { checkPasses, disagreements, type CheckStep } from '../../../tools/bench/grpo/agreement.js';
import { runReference, torchMissing } from '../../../tools/bench/grpo/reference.js';
import { sousCheck } from '../../../tools/bench/grpo/sous.js';
import { whenAvailable } from '../../../tools/test/prerequisites.js';

const STEPS = 2;
const native = (await probeBackends()).find((b) => b.name === 'native')!;

let reference: CheckStep[] | undefined;

async function assertAgreement(backend: string): Promise<void> {
  reference ??= runReference(['--check', '--steps', String(STEPS)]) as CheckStep[];
  // The other test files of this package run on cpu: give it back afterwards.
  const before: string | undefined = tf.getBackend();
  try {
    const ours = await sousCheck(STEPS, backend);
    assert.is(ours.length, STEPS);
    assert.equal(disagreements(ours, reference), [], `${backend}: ${JSON.stringify({ ours, reference })}`);
    assert.ok(checkPasses(ours), `${backend}: the loss must fall: ${ours.map((s) => s.loss).join(', ')}`);
  } finally {
    if (before) await tf.setBackend(before);
  }
}

// Without PyTorch (or, for the second, the native addon) these fail in CI and are skipped elsewhere.
whenAvailable(test, torchMissing(), (test) => {
  test('sous agrees with the PyTorch reference on the grpo-tiny check batch, on wasm', () => assertAgreement('wasm'));
  // On native, the CPU default that `npm run bench` times.
  whenAvailable(test, native.available ? undefined : `the native backend (${native.reason})`, (test) => {
    test('sous agrees with the PyTorch reference on the grpo-tiny check batch, on native', () =>
      assertAgreement('native'));
  });
});

test('the agreement rule can fail: a 1e-4 relative change in one value is caught', () => {
  const reference: CheckStep[] = [{ loss: -2.3e-3, mean_logp: -4.19, mean_kl: 4.5e-5 }];
  const nudged = [{ ...reference[0], mean_logp: -4.19 * (1 + 1e-4) }];
  assert.equal(
    disagreements(nudged, reference).map((d) => d.key),
    ['mean_logp'],
  );
  assert.equal(disagreements(reference, reference), []);
});

test.run();
