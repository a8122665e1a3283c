// The fused-kernel contract: a layer sees a fused kernel exactly when the active backend has one
// registered under its name (@sous/native registers them for wasm; runtime's native-kernels test
// checks that side), and transposed products count as slow only on a wasm backend without them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_KERNELS, fusedKernelAvailable, transposedMatMulIsSlow } from '../src/fused-kernels.js';
import { tf } from '../src/tf.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('the cpu backend has no fused kernels, and its transposed products are not slow', () => {
  assert.equal(
    Object.values(FUSED_KERNELS).map(fusedKernelAvailable),
    Object.values(FUSED_KERNELS).map(() => false),
  );
  assert.is(Object.values(FUSED_KERNELS).length, 20);
  assert.not.ok(transposedMatMulIsSlow());
});

test('a fused kernel registered for the active backend is available until it is removed', () => {
  tf.registerKernel({
    kernelName: FUSED_KERNELS.gelu,
    backendName: 'cpu',
    kernelFunc: () => ({ dataId: {}, shape: [], dtype: 'float32' }),
  });
  try {
    assert.ok(fusedKernelAvailable(FUSED_KERNELS.gelu));
    assert.not.ok(fusedKernelAvailable(FUSED_KERNELS.geluGrad));
  } finally {
    tf.unregisterKernel(FUSED_KERNELS.gelu, 'cpu');
  }
  assert.not.ok(fusedKernelAvailable(FUSED_KERNELS.gelu));
});

test('the fused kernels have distinct names in the Sous namespace', () => {
  const names = Object.values(FUSED_KERNELS);
  assert.is(new Set(names).size, names.length);
  assert.ok(
    names.every((name) => name.startsWith('Sous')),
    names.join(', '),
  );
});

test.run();
