// The dsm-mlp workload's PyTorch reference computes what @sous/diffusion computes: the DSM loss
// and every parameter's gradient norm of the diffusion-mixture denoiser on one batch, from the
// same weights, data, times and noise, agree to 1e-5 relative. Needs PyTorch (CI installs it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { torchMissing } from '../grpo/reference.js';
import { CHECK_TOLERANCE, compareWithPyTorch } from '../dsm-mlp/check.js';
import { whenAvailable } from '../../test/prerequisites.js';

whenAvailable(test, torchMissing(), (test) => {
  test('dsm-mlp: sous and the PyTorch reference agree on the loss and every gradient norm', async () => {
    await tf.setBackend('cpu');
    const rows = compareWithPyTorch();
    // The loss and the weight and bias of each of the 4 layers.
    assert.is(rows.length, 9);
    assert.ok(rows[0].sous > 0.1, `a DSM loss of a fresh network is of order 1, found ${rows[0].sous}`);
    const differing = rows.filter((row) => !(row.relative <= CHECK_TOLERANCE));
    assert.equal(differing, [], JSON.stringify(differing));
  });
});

test.run();
