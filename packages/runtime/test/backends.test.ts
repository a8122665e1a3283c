import { test } from 'uvu';
import { sousErrorOf } from '@sous/core/testing';
import * as assert from 'uvu/assert';
import {
  BACKEND_NAMES,
  chooseBackend,
  probeBackends,
  selectBackend,
  type BackendName,
  type BackendStatus,
} from '../src/backends.js';
import { formatSousError, SousError, Rng, tf } from '@sous/core';

// uvu runs every test file in one process: leave the backend as the other files set it.
let previousBackend = '';
test.before(() => {
  previousBackend = tf.getBackend();
});
test.after(async () => {
  if (previousBackend) await tf.setBackend(previousBackend);
});

function statuses(available: BackendName[]): BackendStatus[] {
  return BACKEND_NAMES.map((name) =>
    available.includes(name) ? { name, available: true } : { name, available: false, reason: 'not installed' },
  );
}

const thrown = sousErrorOf;

test('automatic choice follows tensorflow-gpu, webgpu, tensorflow, native, wasm, cpu', () => {
  assert.is(chooseBackend(statuses([...BACKEND_NAMES])), 'tensorflow-gpu');
  assert.is(chooseBackend(statuses(['webgpu', 'tensorflow', 'native', 'wasm', 'cpu'])), 'webgpu');
  assert.is(chooseBackend(statuses(['tensorflow', 'native', 'wasm', 'cpu'])), 'tensorflow');
  assert.is(chooseBackend(statuses(['native', 'wasm', 'cpu'])), 'native');
  assert.is(chooseBackend(statuses(['wasm', 'cpu'])), 'wasm');
  assert.is(chooseBackend(statuses(['cpu'])), 'cpu');
  assert.is(chooseBackend(statuses(['cpu', 'tensorflow-gpu'])), 'tensorflow-gpu');
});

test('native is preferred over wasm; without its addon wasm is chosen, and asking for native says why', () => {
  assert.is(chooseBackend(statuses(['wasm', 'native'])), 'native');
  const noAddon = statuses(['wasm', 'cpu']).map((s) =>
    s.name === 'native' ? { ...s, reason: 'not built (it needs g++ and libopenblas-dev)' } : s,
  );
  assert.is(chooseBackend(noAddon), 'wasm');
  assert.is(chooseBackend(statuses(['native', 'wasm', 'cpu']), 'wasm'), 'wasm');
  const text = formatSousError(thrown(() => chooseBackend(noAddon, 'native')));
  assert.match(
    text,
    /^--backend: backend "native" is not available here \(not built \(it needs g\+\+ and libopenblas-dev\)\)/,
  );
  assert.match(text, /Available on this machine: wasm, cpu\./);
});

test('a requested backend overrides the order', () => {
  assert.is(chooseBackend(statuses([...BACKEND_NAMES]), 'cpu'), 'cpu');
  assert.is(chooseBackend(statuses(['wasm', 'cpu']), ''), 'wasm');
});

test('an unknown backend name is an error naming it and the available ones', () => {
  const error = thrown(() => chooseBackend(statuses(['wasm', 'cpu']), 'cuda'));
  const text = formatSousError(error);
  assert.match(text, /^--backend: unknown backend "cuda"/);
  assert.match(text, /Available on this machine: wasm, cpu\./);
});

test('an unavailable backend is an error with the reason and the available ones', () => {
  const text = formatSousError(thrown(() => chooseBackend(statuses(['wasm', 'cpu']), 'webgpu', 'SOUS_BACKEND')));
  assert.match(text, /^SOUS_BACKEND: backend "webgpu" is not available here \(not installed\)/);
  assert.match(text, /Available on this machine: wasm, cpu\./);
});

test('no available backend at all is an error', () => {
  assert.match(thrown(() => chooseBackend(statuses([]))).message, /no tensor backend is available/);
});

test('selectBackend takes the flag first, then SOUS_BACKEND, then the order', async () => {
  const probes = statuses(['wasm', 'cpu']);
  assert.is((await selectBackend(undefined, { probes, env: {} })).name, 'wasm');
  assert.is(tf.getBackend(), 'wasm');
  assert.is((await selectBackend(undefined, { probes, env: { SOUS_BACKEND: 'cpu' } })).name, 'cpu');
  assert.is(tf.getBackend(), 'cpu');
  assert.is((await selectBackend('wasm', { probes, env: { SOUS_BACKEND: 'cpu' } })).name, 'wasm');
  assert.is(tf.getBackend(), 'wasm');
});

test('selectBackend rejects an unknown SOUS_BACKEND value, naming the variable', async () => {
  try {
    await selectBackend(undefined, { probes: statuses(['cpu']), env: { SOUS_BACKEND: 'gpu' } });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, SousError);
    assert.match(formatSousError(error as SousError), /^SOUS_BACKEND: unknown backend "gpu"/);
  }
});

test('selecting the active backend again keeps it', async () => {
  const first = await selectBackend('cpu', { probes: statuses(['cpu']) });
  const second = await selectBackend('cpu', { probes: statuses(['cpu']) });
  assert.is(first.name, 'cpu');
  assert.is(second.tf, first.tf);
  assert.is(tf.getBackend(), 'cpu');
});

test('probeBackends reports every backend in order; wasm and cpu are always there', async () => {
  const probed = await probeBackends();
  assert.equal(
    probed.map((s) => s.name),
    [...BACKEND_NAMES],
  );
  for (const status of probed) {
    if (!status.available) assert.ok(status.reason && status.reason.length > 0, `${status.name} has a reason`);
  }
  assert.ok(probed.find((s) => s.name === 'wasm')?.available);
  assert.ok(probed.find((s) => s.name === 'cpu')?.available);
  assert.is(await probeBackends().then((again) => JSON.stringify(again)), JSON.stringify(probed));
});

function randomMatrix(rng: Rng, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));
}

function referenceMatMul(a: number[][], b: number[][]): number[] {
  const out: number[] = [];
  for (const row of a) {
    for (let j = 0; j < b[0].length; j++) out.push(row.reduce((sum, value, k) => sum + value * b[k][j], 0));
  }
  return out;
}

async function matMulOn(name: BackendName, a: number[][], b: number[][]): Promise<Float32Array> {
  const { tf: t } = await selectBackend(name);
  assert.is(t.getBackend(), name);
  const product = t.tidy(() => t.matMul(t.tensor2d(a), t.tensor2d(b)));
  const values = (await product.data()) as Float32Array;
  product.dispose();
  return values;
}

test('wasm and cpu run a matmul and agree with each other and a plain loop to 1e-5', async () => {
  const rng = new Rng('backends-matmul');
  const a = randomMatrix(rng, 33, 17),
    b = randomMatrix(rng, 17, 29);
  const wasm = await matMulOn('wasm', a, b);
  const cpu = await matMulOn('cpu', a, b);
  const reference = referenceMatMul(a, b);
  assert.is(wasm.length, 33 * 29);
  for (let i = 0; i < reference.length; i++) {
    assert.ok(Math.abs(wasm[i] - cpu[i]) <= 1e-5, `wasm ${wasm[i]} vs cpu ${cpu[i]} at ${i}`);
    assert.ok(Math.abs(cpu[i] - reference[i]) <= 1e-4, `cpu ${cpu[i]} vs loop ${reference[i]} at ${i}`);
  }
});

test.run();
