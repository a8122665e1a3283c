// Where a dsm-mlp training step's time goes, by phase: dsm-mlp.recipe run by the runtime (as
// measure-sous.ts does) for `--steps` steps, the first 5 warm-ups, with the runner's phases timed
// in place — the whole step, the gradient computation (nodes, forward, backward, loss read), its
// forward pass, the optimizer update, the end-of-step disposal — and host reads (dataSync,
// arraySync, data) and kernels counted. Prints mean milliseconds (and counts) per timed step.
//   node --conditions=source --import tsx tools/bench/dsm-mlp/step-profile.ts [--backend wasm] [--steps 40]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAndCompile, parse, usedPackages } from '@sous/dsl';
import { tf } from '@sous/core';
import { Executor, StageRunner, createAdam, loadRegistry, selectBackend } from '@sous/runtime';

const RECIPE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dsm-mlp.recipe');
const WARM = 5;

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    steps: { type: 'string', default: '40' },
    kernels: { type: 'boolean' },
    'adam-ab': { type: 'boolean' },
    adam: { type: 'string' },
  },
});
const steps = Number(values.steps);

/** This step's totals by label; `history` keeps every timed step's. */
let totals = new Map<string, number>();
const history: Map<string, number>[] = [];
const add = (label: string, value: number) => totals.set(label, (totals.get(label) ?? 0) + value);
let timing = false;

/** Wraps `owner[key]` so its calls add their milliseconds and count under `label`. */
function wrap(owner: any, key: string, label: string): void {
  const original = owner[key];
  owner[key] = function (this: unknown, ...args: unknown[]) {
    if (!timing) return original.apply(this, args);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const done = () => {
      add(`${label} ms`, performance.now() - start);
      const used = process.cpuUsage(cpu);
      add(`${label} CPU ms`, (used.user + used.system) / 1000);
      add(`${label} calls`, 1);
    };
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}

const source = fs.readFileSync(RECIPE, 'utf8').replace(/steps \d+\b/, `steps ${steps}`);
const registry = await loadRegistry(usedPackages(parse(source, RECIPE).ast), path.dirname(RECIPE));
const { plan } = checkAndCompile(source, RECIPE, registry);
const backend = await selectBackend(values.backend);
const executor = await Executor.start({
  plan: plan!,
  plugins: registry.loaded,
  tf: backend.tf,
  backend: backend.name,
  seed: 7,
  recipeDir: path.dirname(RECIPE),
  runDir: null,
});
const runner = await StageRunner.open(executor, plan!.stages[0], steps);

const proto = StageRunner.prototype as any;
wrap(proto, 'computeGradients', 'gradients: nodes, forward, backward, loss read');
wrap(proto, 'lossTensor', '  of which forward (lossTensor)');
for (const node of executor.nodes.values()) wrap(node, 'run', `  node ${node.plan.op}`);
const slot = (runner as any).slots[0];
if (values['adam-ab']) {
  // Same-process A/B of the AdamW update: steps alternate between an optimizer updating on the
  // host and one updating with tensor ops (each with its own moments), timed apart.
  const make = (updateOn: 'host' | 'device') =>
    createAdam(slot.variables, { betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, decoupled: true, updateOn });
  const host = make('host'),
    device = make('device');
  wrap(host, 'apply', 'optimizer.apply (host)');
  wrap(device, 'apply', 'optimizer.apply (device)');
  let count = 0;
  slot.optimizer = { ...host, apply: (grads: never, lr: number) => (count++ % 2 ? device : host).apply(grads, lr) };
} else {
  // --adam host|device: the recipe's AdamW (lr 2e-3, default betas and eps, wd 0) forced to update there.
  if (values.adam)
    slot.optimizer = createAdam(slot.variables, {
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      decoupled: true,
      updateOn: values.adam as 'host' | 'device',
    });
  wrap(slot.optimizer, 'apply', 'optimizer.apply');
}
wrap(tf.Tensor.prototype, 'dataSync', 'host read dataSync');
wrap(tf.Tensor.prototype, 'arraySync', 'host read arraySync');
wrap(tf.Tensor.prototype, 'data', 'host read data');
const engine = tf.engine() as any;
wrap(engine, 'endScope', 'engine.endScope (all scopes)');
wrap(engine, 'runKernel', 'kernels (engine.runKernel)');
// Per kernel call: its position in the step, name, input shapes and the smallest time it took
// over the timed steps (the minimum drops the time the process was descheduled on a loaded machine).
const runKernel = engine.runKernel;
let callIndex = 0;
const calls: { name: string; shapes: string; min: number }[] = [];
engine.runKernel = function (this: unknown, name: string, inputs: Record<string, tf.Tensor>, attrs: unknown) {
  if (!timing) return runKernel.call(this, name, inputs, attrs);
  const start = performance.now();
  const result = runKernel.call(this, name, inputs, attrs);
  const ms = performance.now() - start;
  const index = callIndex++;
  calls[index] ??= {
    name,
    shapes: Object.values(inputs)
      .map((t) => `[${t?.shape}]`)
      .join(''),
    min: Infinity,
  };
  calls[index].min = Math.min(calls[index].min, ms);
  return result;
};
const stepTimes: number[] = [];
const cpuByStep: number[] = [];
const losses: number[] = [];
for (let step = 0; step < runner.steps; step++) {
  timing = step >= WARM;
  callIndex = 0;
  totals = new Map();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { train } = await runner.step(step);
  losses.push(Number(train.loss));
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  cpuByStep.push((used.user + used.system) / 1000);
  if (!timing) continue;
  stepTimes.push(wall);
  add('step (wall) ms', wall);
  add('step (process CPU time, user + system) ms', (used.user + used.system) / 1000);
  history.push(totals);
}
timing = false;
const n = stepTimes.length;
const sorted = [...stepTimes].sort((a, b) => a - b);
const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
console.log(
  `backend ${backend.name}, ${n} timed steps; per step, the fastest step's and the median (load ${os.loadavg()[0].toFixed(2)}):`,
);
console.log(`  losses: ${losses.join(' ')}`);
const weights = [...(slot.variables as Map<string, tf.Variable>).values()].flatMap((v) => [...v.dataSync()]);
console.log(
  `  final weights: ${weights.length} values, sum ${weights.reduce((a, b) => a + b, 0)}, first ${weights.slice(0, 3).join(' ')}`,
);
console.log(`  CPU ms of each step: ${cpuByStep.map((ms) => ms.toFixed(1)).join(' ')}`);
const labels = [...new Set(history.flatMap((h) => [...h.keys()]))];
for (const label of labels) {
  const values = history.filter((h) => h.has(label)).map((h) => h.get(label)!);
  const digits = label.endsWith('ms') ? 2 : 1;
  console.log(
    `  ${label.padEnd(58)} ${at(values, 0).toFixed(digits).padStart(8)} ${at(values, 0.5).toFixed(digits).padStart(8)}`,
  );
}
console.log(
  `  fastest step ms ${sorted[0].toFixed(2)}; kernel calls ${calls.length}, sum of their fastest times ${calls.reduce((a, c) => a + c.min, 0).toFixed(2)} ms`,
);
if (values.kernels) {
  const byName = new Map<string, { ms: number; calls: number; shapes: Set<string> }>();
  for (const { name, shapes, min } of calls) {
    const entry = byName.get(name) ?? { ms: 0, calls: 0, shapes: new Set() };
    entry.ms += min;
    entry.calls += 1;
    entry.shapes.add(shapes);
    byName.set(name, entry);
  }
  console.log('kernels by name: sum of fastest ms, calls per step, input shapes');
  for (const [name, { ms, calls, shapes }] of [...byName].sort((a, b) => b[1].ms - a[1].ms))
    console.log(
      `  ${name.padEnd(24)} ${ms.toFixed(3).padStart(7)} ${String(calls).padStart(4)}  ${[...shapes].slice(0, 8).join(' ')}`,
    );
}
runner.dispose();
for (const { model } of executor.allModels()) (model as { dispose?: () => void }).dispose?.();
