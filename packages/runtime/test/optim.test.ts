// Optimizers, clipping, schedules and accumulation against numbers derived by hand from PyTorch's
// update rules (torch.optim.AdamW / Adam / SGD, single-tensor path). The expected values were
// computed in float64 by a scalar transcription of those rules; the first step of each is also
// written out below.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_KERNELS, Rng, tf, SousError } from '@sous/core';
import { selectBackend } from '../src/backends.js';
import { createAdam, type AdamOptions } from '../src/optim/adam.js';
import { createSgd } from '../src/optim/sgd.js';
import { createOptimizer } from '../src/optim/create.js';
import { clipByGlobalNorm, globalNorm, gradientNorms } from '../src/optim/clip.js';
import { createSchedule } from '../src/optim/schedule.js';
import { GradientAccumulator } from '../src/optim/accumulate.js';
import type { Optimizer } from '../src/optim/optimizer.js';

await tf.setBackend('cpu');

function close(actual: ArrayLike<number>, expected: number[], tolerance = 2e-6, what = 'value'): void {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    assert.ok(diff <= tolerance * Math.max(1, Math.abs(expected[i])), `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Two scalar parameters p = [1, -2] stepped with fixed gradients; returns p after each step. */
function runSteps(
  make: (vars: Map<string, tf.Variable>) => Optimizer,
  grads: number[][],
  lr = 0.1,
): { params: number[][]; optimizer: Optimizer; variable: tf.Variable } {
  const variable = tf.variable(tf.tensor1d([1, -2]));
  const optimizer = make(new Map([['p', variable]]));
  const params: number[][] = [];
  for (const g of grads) {
    const grad = tf.tensor1d(g);
    optimizer.apply(new Map([['p', grad]]), lr);
    grad.dispose();
    params.push([...variable.dataSync()]);
  }
  return { params, optimizer, variable };
}

const GRADS = [
  [0.5, -1.0],
  [0.1, 0.2],
  [-0.3, 0.4],
];

test('AdamW follows torch.optim.AdamW for three steps', () => {
  // Step 1, p = 1, g = 0.5, lr 0.1, wd 0.01:  p ← 1·(1 − 0.1·0.01) = 0.999;  m = 0.1·0.5 = 0.05;
  // v = 0.001·0.25 = 0.00025;  step size = 0.1/(1 − 0.9) = 1;  denom = √0.00025/√0.001 + 1e-8 = 0.5
  // + 1e-8;  p = 0.999 − 0.05/0.50000001 = 0.899000002.
  const { params, optimizer, variable } = runSteps(
    (vars) => createAdam(vars, { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, decoupled: true }),
    GRADS,
  );
  close(params[0], [0.899000002, -1.898000001]);
  close(params[1], [0.8177969063826517, -1.8449993939894944]);
  close(params[2], [0.7959078148551253, -1.8297304348131664]);
  const state = optimizer.state();
  close(state.get('m.p')!.dataSync(), [0.0195, -0.023], 1e-6, 'm');
  close(state.get('v.p')!.dataSync(), [0.00034949025, 0.001197961], 1e-6, 'v');
  assert.is(state.get('step')!.dataSync()[0], 3);
  assert.is(optimizer.steps, 3);
  optimizer.dispose();
  variable.dispose();
});

test('Adam adds weight decay to the gradient (L2), unlike AdamW', () => {
  // Step 1, p = 1: g = 0.5 + 0.1·1 = 0.6;  m = 0.06;  v = 0.00036;  p = 1 − 1·0.06/(0.6 + 1e-8).
  const { params, optimizer, variable } = runSteps(
    (vars) => createAdam(vars, { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1, decoupled: false }),
    [
      [0.5, 0],
      [0.1, 0],
      [-0.3, 0],
    ],
  );
  close([params[0][0], params[1][0], params[2][0]], [0.9000000016666666, 0.8136483454297575, 0.7715818210509955]);
  optimizer.dispose();
  variable.dispose();
});

/** Weights, moments and step counts after four steps of Adam(W) updating on `updateOn`, from the
 * same seeded weights and gradients (wide and tiny values, zeros), as raw float32 bits. */
function adamRun(options: Omit<AdamOptions, 'updateOn'>, updateOn: 'host' | 'device' | 'auto'): Uint32Array[] {
  const rng = new Rng('adam-host');
  const draw = (n: number) =>
    Float32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : rng.normal() * 10 ** (3 * rng.uniform() - 2)));
  // Made in tidies, so the initial tensors go and the variables hold their storage alone.
  // The last one large enough for the native kernel's threaded loop.
  const w = tf.tidy(() => tf.variable(tf.tensor2d(draw(15), [3, 5]))),
    b = tf.tidy(() => tf.variable(tf.tensor1d(draw(7)))),
    large = tf.tidy(() => tf.variable(tf.tensor2d(draw(40_000), [200, 200])));
  const variables = new Map<string, tf.Variable>([
    ['w', w],
    ['b', b],
    ['large', large],
  ]);
  const optimizer = createAdam(variables, { ...options, updateOn });
  for (const lr of [0.1, 2e-3, 0.05, 1e-4]) {
    const grads = new Map([...variables].map(([name, v]) => [name, tf.tensor(draw(v.size), v.shape)]));
    optimizer.apply(grads, lr);
    tf.dispose([...grads.values()]);
  }
  const bits = [...variables.values(), ...optimizer.state().values()].map(
    (t) => new Uint32Array(Float32Array.from(t.dataSync()).buffer),
  );
  optimizer.dispose();
  tf.dispose([...variables.values()]);
  return bits;
}

/** `run`'s result and the names of the kernels it ran. */
async function profileKernels<T>(run: () => T): Promise<{ result: T; kernelNames: string[] }> {
  let result: T | undefined;
  const { kernelNames } = await tf.profile(() => {
    result = run();
  });
  return { result: result as T, kernelNames };
}

test('Adam(W) on the host (wasm, native, cpu) and in the native kernel gives the bits of the tensor-op update', async () => {
  const backends = ['cpu', 'wasm', 'native'];
  try {
    for (const backend of backends) {
      try {
        await selectBackend(backend);
      } catch {
        if (backend === 'cpu') throw new Error('the cpu backend must load');
        continue; // native not built here: cpu and wasm still run
      }
      for (const options of [
        { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, decoupled: true },
        { betas: [0.8, 0.95], eps: 1e-6, weightDecay: 0.1, decoupled: false },
        { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, decoupled: true },
      ] satisfies Omit<AdamOptions, 'updateOn'>[]) {
        const host = adamRun(options, 'host'),
          device = adamRun(options, 'device');
        // "auto": the fused kernel on native (and only there), the loop or ops elsewhere.
        const { result: auto, kernelNames } = await profileKernels(() => adamRun(options, 'auto'));
        assert.is(kernelNames.includes(FUSED_KERNELS.adamUpdate), backend === 'native', `${backend}: fused kernel`);
        assert.is(host.length, device.length);
        // "auto" with a clone of the weights alive: the update does not write into the shared storage.
        const variable = tf.variable(tf.tensor1d([1, -2]));
        const copy = tf.clone(variable);
        const shared = createAdam(new Map([['p', variable]]), { ...options, updateOn: 'auto' });
        const product = () => tf.tidy(() => tf.matMul(tf.reshape(variable, [1, 2]), tf.ones([2, 1])).dataSync()[0]);
        assert.is(product(), -1, `${backend}: a product before the update`);
        tf.tidy(() => shared.apply(new Map([['p', tf.tensor1d([0.5, -1])]]), 0.1));
        assert.equal([...copy.dataSync()], [1, -2], `${backend}: the clone keeps its values`);
        assert.not.equal([...variable.dataSync()], [1, -2], `${backend}: the weights moved`);
        // A product with the updated weights sees them (wasm's XNNPACK caches packed weights by tensor).
        const [p0, p1] = variable.dataSync();
        assert.is(product(), Math.fround(p0 + p1), `${backend}: a product sees the new weights`);
        shared.dispose();
        tf.dispose([variable, copy]);
        host.forEach((bits, i) => {
          assert.equal([...bits], [...device[i]], `${backend} ${JSON.stringify(options)} tensor ${i}: host`);
          assert.equal([...auto[i]], [...device[i]], `${backend} ${JSON.stringify(options)} tensor ${i}: auto`);
        });
      }
    }
  } finally {
    await tf.setBackend('cpu');
  }
});

test('SGD with momentum, and Nesterov with weight decay, follow torch.optim.SGD', () => {
  // Momentum 0.9, p = 1: b = 0.5 → p = 0.95;  b = 0.9·0.5 + 0.1 = 0.55 → p = 0.895;
  // b = 0.9·0.55 − 0.3 = 0.195 → p = 0.8755.
  const plain = runSteps(
    (vars) => createSgd(vars, { momentum: 0.9, nesterov: false, weightDecay: 0 }),
    [
      [0.5, 0],
      [0.1, 0],
      [-0.3, 0],
    ],
  );
  close(
    plain.params.map((p) => p[0]),
    [0.95, 0.895, 0.8755],
  );
  close(plain.optimizer.state().get('momentum.p')!.dataSync(), [0.195, 0], 1e-6, 'buffer');
  // Nesterov, wd 0.01, p = 1: g = 0.5 + 0.01 = 0.51; b = 0.51; g = 0.51 + 0.9·0.51 = 0.969;
  // p = 1 − 0.0969 = 0.9031.
  const nesterov = runSteps(
    (vars) => createSgd(vars, { momentum: 0.9, nesterov: true, weightDecay: 0.01 }),
    [
      [0.5, 0],
      [0.1, 0],
      [-0.3, 0],
    ],
  );
  close(
    nesterov.params.map((p) => p[0]),
    [0.9031, 0.84107411, 0.850465558191],
  );
  // Without momentum: plain p − lr·g, and no slot state beyond the step counter.
  const vanilla = runSteps((vars) => createSgd(vars, { momentum: 0, nesterov: false, weightDecay: 0 }), [[0.5, -1]]);
  close(vanilla.params[0], [0.95, -1.9]);
  assert.equal([...vanilla.optimizer.state().keys()], ['step']);
  for (const run of [plain, nesterov, vanilla]) {
    run.optimizer.dispose();
    run.variable.dispose();
  }
});

test('a variable without a gradient is left alone, moments included', () => {
  const a = tf.variable(tf.tensor1d([1])),
    b = tf.variable(tf.tensor1d([5]));
  const optimizer = createAdam(
    new Map([
      ['a', a],
      ['b', b],
    ]),
    { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, decoupled: true },
  );
  const grad = tf.tensor1d([0.5]);
  optimizer.apply(new Map([['a', grad]]), 0.1);
  close(a.dataSync(), [0.899000002]);
  close(b.dataSync(), [5]);
  close(optimizer.state().get('m.b')!.dataSync(), [0]);
  for (const t of [a, b, grad]) t.dispose();
  optimizer.dispose();
});

test('state round trip: a restored optimizer continues exactly', () => {
  const make = (vars: Map<string, tf.Variable>) =>
    createAdam(vars, { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, decoupled: true });
  const whole = runSteps(make, GRADS);
  const first = runSteps(make, GRADS.slice(0, 2));
  const saved = new Map([...first.optimizer.state()].map(([name, t]) => [name, tf.clone(t)]));
  const restored = make(new Map([['p', first.variable]]));
  restored.loadState(saved, 'ckpt/optimizer.safetensors');
  assert.is(restored.steps, 2);
  const grad = tf.tensor1d(GRADS[2]);
  restored.apply(new Map([['p', grad]]), 0.1);
  close(first.variable.dataSync(), whole.params[2], 0);
  for (const t of [grad, ...saved.values(), whole.variable, first.variable]) t.dispose();
  for (const o of [whole.optimizer, first.optimizer, restored]) o.dispose();
});

test('loading mismatched state is a SousError naming the file', () => {
  const variable = tf.variable(tf.tensor1d([1, 2]));
  const optimizer = createAdam(new Map([['p', variable]]), {
    betas: [0.9, 0.999],
    eps: 1e-8,
    weightDecay: 0,
    decoupled: true,
  });
  const wrongShape = new Map<string, tf.Tensor>([
    ['m.p', tf.zeros([3])],
    ['v.p', tf.zeros([2])],
    ['step', tf.scalar(1, 'int32')],
  ]);
  const missing = new Map<string, tf.Tensor>([
    ['m.p', tf.zeros([2])],
    ['step', tf.scalar(1, 'int32')],
  ]);
  const extra = new Map<string, tf.Tensor>([...missing, ['v.p', tf.zeros([2])], ['m.q', tf.zeros([2])]]);
  for (const [state, pattern] of [
    [wrongShape, /"m.p".*shape \[3\], expected \[2\]/],
    [missing, /has no optimizer state "v.p"/],
    [extra, /unknown variables \(m.q\)/],
  ] as const) {
    try {
      optimizer.loadState(state, 'run/checkpoints/step-3/optimizer.safetensors');
      assert.unreachable('should throw');
    } catch (error) {
      assert.instance(error, SousError);
      assert.match((error as SousError).message, pattern);
      assert.is((error as SousError).file, 'run/checkpoints/step-3/optimizer.safetensors');
    }
  }
  tf.dispose([...wrongShape.values(), ...extra.values(), variable]);
  optimizer.dispose();
});

test('createOptimizer fills PyTorch defaults and rejects bad parameters', () => {
  const variable = tf.variable(tf.tensor1d([1, -2]));
  const vars = new Map([['p', variable]]);
  const { optimizer, lr } = createOptimizer({ name: 'adamw', params: { lr: 0.1 } }, vars);
  assert.is(lr, 0.1);
  assert.is(optimizer.name, 'adamw');
  const grad = tf.tensor1d(GRADS[0]);
  optimizer.apply(new Map([['p', grad]]), lr);
  close(variable.dataSync(), [0.899000002, -1.898000001]); // betas 0.9/0.999, eps 1e-8, wd 0.01
  optimizer.dispose();
  assert.is(createOptimizer({ name: 'sgd', params: { lr: 1 } }, vars).optimizer.name, 'sgd');
  const source = { file: 'x.recipe', line: 4, col: 3 };
  assert.throws(
    () => createOptimizer({ name: 'adamw', params: { lr: -1 }, source }, vars),
    (e: SousError) => e instanceof SousError && /parameter lr/.test(e.message) && e.line === 4,
  );
  assert.throws(
    () => createOptimizer({ name: 'adamw', params: { lr: 1, betas: [0.9, 1] } }, vars),
    /parameter betas.1/,
  );
  assert.throws(
    () => createOptimizer({ name: 'lion', params: { lr: 1 } }, vars),
    (e: SousError) => /unknown optimizer "lion"/.test(e.message) && /adamw, adam, sgd/.test(e.hint ?? ''),
  );
  tf.dispose([variable, grad]);
});

test('global-norm clipping: norms, the PyTorch coefficient, untouched below the limit', () => {
  const grads = new Map<string, tf.Tensor>([
    ['a', tf.tensor1d([3, 4])],
    ['b', tf.tensor2d([[12]])],
  ]);
  const norms = gradientNorms(grads);
  close([norms.get('a')!, norms.get('b')!], [5, 12]);
  const total = globalNorm(norms);
  close([total], [13]); // √(25 + 144)
  const clipped = clipByGlobalNorm(grads, 6.5, total);
  const coefficient = 6.5 / (13 + 1e-6);
  close(clipped.get('a')!.dataSync(), [3 * coefficient, 4 * coefficient]);
  close(clipped.get('b')!.dataSync(), [12 * coefficient]);
  assert.is(clipByGlobalNorm(grads, 20, total), grads);
  tf.dispose([...grads.values(), ...clipped.values()]);
});

test('gradient norms on native (one fused kernel) have the bits of √(tf.sum(tf.square(g))) on native and wasm', async () => {
  const rng = new Rng('norms');
  // Wide magnitudes, and sizes from one element to a GPT embedding's: another summation order
  // would round differently.
  const values = [1, 7, 128 * 128, 300_000].map((n) =>
    Float32Array.from({ length: n }, () => rng.normal() * 10 ** (4 * rng.uniform() - 2)),
  );
  const norms = async (backend: string, fused: boolean) => {
    await selectBackend(backend);
    const grads = values.map((v) => tf.tensor1d(v));
    const { result, kernelNames } = await profileKernels(() =>
      fused
        ? [...gradientNorms(new Map(grads.map((g, i) => [`g${i}`, g]))).values()]
        : grads.map((g) => Math.sqrt(tf.tidy(() => tf.sum(tf.square(g)).dataSync()[0]))),
    );
    tf.dispose(grads);
    return { result, kernelNames };
  };
  try {
    const native = await norms('native', true);
    assert.ok(native.kernelNames.includes(FUSED_KERNELS.sumsOfSquares), native.kernelNames.join(' '));
    assert.not.ok(native.kernelNames.includes('Square'), native.kernelNames.join(' '));
    for (const backend of ['native', 'wasm'])
      assert.equal(native.result, (await norms(backend, false)).result, backend);
    // Non-finite gradients stay non-finite through the kernel (the runner reports them).
    await selectBackend('native');
    const bad = new Map([
      ['nan', tf.tensor1d([1, Number.NaN, 2])],
      ['inf', tf.tensor1d([Number.POSITIVE_INFINITY, 1])],
    ]);
    const badNorms = gradientNorms(bad);
    assert.ok(Number.isNaN(badNorms.get('nan')));
    assert.is(badNorms.get('inf'), Number.POSITIVE_INFINITY);
    tf.dispose([...bad.values()]);
  } finally {
    await tf.setBackend('cpu');
  }
});

test('non-finite gradients give a non-finite norm for that variable', () => {
  const grads = new Map([
    ['ok', tf.tensor1d([1])],
    ['bad', tf.tensor1d([NaN, 1])],
  ]);
  const norms = gradientNorms(grads);
  assert.is(norms.get('ok'), 1);
  assert.ok(Number.isNaN(norms.get('bad')));
  tf.dispose([...grads.values()]);
});

test('schedules at chosen steps', () => {
  const at = (name: string, params: Record<string, number>, total: number, steps: number[]) => {
    const schedule = createSchedule({ name, params }, total);
    return steps.map((s) => schedule(s));
  };
  assert.equal(at('constant', {}, 10, [0, 5, 9]), [1, 1, 1]);
  // warmup 4: (s+1)/4 for s < 4, then 1.
  assert.equal(at('warmup', { warmup: 4 }, 10, [0, 1, 2, 3, 4, 9]), [0.25, 0.5, 0.75, 1, 1, 1]);
  // cosine, warmup 2 of 10, floor 0.1: p = (s − 2)/8; s = 6 → p = ½ → 0.1 + 0.9·½ = 0.55;
  // s = 9 → p = 7/8 → 0.1 + 0.9·½(1 + cos(7π/8)) = 0.1 + 0.45·(1 − 0.9238795325) = 0.13425421.
  close(at('cosine', { warmup: 2, min_ratio: 0.1 }, 10, [0, 1, 2, 6, 9]), [0.5, 1, 1, 0.55, 0.13425421], 1e-7);
  // linear decay to 0 over 4 steps, no warmup: 1 − s/4.
  assert.equal(at('linear', {}, 4, [0, 1, 2, 3]), [1, 0.75, 0.5, 0.25]);
  // linear with warmup 2 of 6 down to 0.5: s = 4 → p = ½ → 1 − 0.5·½ = 0.75.
  assert.equal(at('linear', { warmup: 2, end_ratio: 0.5 }, 6, [0, 1, 2, 4]), [0.5, 1, 1, 0.75]);
  assert.throws(() => createSchedule({ name: 'cosin', params: {} }, 10), /unknown schedule "cosin"/);
  assert.throws(() => createSchedule({ name: 'cosine', params: { min_ratio: 2 } }, 10), /min_ratio/);
});

test('gradient accumulation takes the mean of the micro-steps and leaks nothing', () => {
  const before = tf.memory().numTensors;
  const accumulator = new GradientAccumulator();
  accumulator.add(
    new Map([
      ['w', tf.tensor1d([1, 2])],
      ['u', tf.tensor1d([4])],
    ]),
  );
  accumulator.add(new Map([['w', tf.tensor1d([3, 6])]]));
  accumulator.add(new Map([['w', tf.tensor1d([2, 1])]]));
  assert.is(accumulator.microSteps, 3);
  const mean = accumulator.mean();
  close(mean.get('w')!.dataSync(), [2, 3]);
  close(mean.get('u')!.dataSync(), [4 / 3]); // missing from two micro-steps: zero there
  tf.dispose([...mean.values()]);
  assert.is(tf.memory().numTensors, before);
});

test.run();
