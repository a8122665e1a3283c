// The trainer over real run folders: records, checkpoints (atomic, newest two kept), exact resume
// (byte-identical metrics.jsonl), determinism, the NaN guard keeping the last good checkpoint, and
// clear errors for damaged checkpoints.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '@sous/dsl';
import { tf, SousError } from '@sous/core';
import { selectBackend } from '../src/backends.js';
import { train, type TrainOptions } from '../src/train/trainer.js';
import { listCheckpoints, readCheckpointState, writeCheckpoint } from '../src/train/checkpoint.js';
import { assertEmptyOrMissing, newRunDir, timestamp } from '../src/train/run-folder.js';
import type { ProgressEvent } from '../src/train/progress.js';
import type { ModelEntry } from '../src/exec/executor.js';
import { fixturePlugin, node, plan, regressionPlan, stage } from './exec-fixtures.js';

await tf.setBackend('cpu');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-train-'));
let runCount = 0;
const freshDir = () => path.join(scratch, `run-${++runCount}`);

function run(p: Plan, options: Partial<TrainOptions> = {}) {
  const runDir = options.runDir ?? freshDir();
  fs.mkdirSync(runDir, { recursive: true });
  return train({
    plan: p,
    plugins: [fixturePlugin],
    backend: { name: 'cpu', tf },
    seed: 3,
    runDir,
    recipeDir: '.',
    ...options,
  });
}

const metricsOf = (runDir: string) => fs.readFileSync(path.join(runDir, 'metrics.jsonl'));
const recordsOf = (runDir: string) =>
  metricsOf(runDir)
    .toString()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

/** Two stages (AdamW with a cosine schedule and evals, then SGD with momentum), so a resume must
 * restore moments, the schedule position, stage boundaries and eval timing. */
function twoStagePlan(): Plan {
  const fit = [
    node('fit.batch', 'fixture.data'),
    node('fit.loss', 'fixture.mse', { inputs: { model: 'model', data: 'fit.batch' } }),
    node('fit.eval1.1', 'fixture.eval_mse', { inputs: { model: 'model' } }),
  ];
  const tune = [
    node('tune.batch', 'fixture.data', { params: { size: 2 } }),
    node('tune.loss', 'fixture.mse', { inputs: { model: 'model', data: 'tune.batch' } }),
  ];
  const source = { file: 'fixture.recipe', line: 90, col: 3 };
  return plan(
    [node('model', 'fixture.linear'), ...fit, ...tune],
    [
      stage('fit', fit, {
        steps: 6,
        optimizers: [{ name: 'adamw', params: { lr: 0.05 }, loss: null, model: null, source }],
        schedule: { name: 'cosine', params: { warmup: 2, min_ratio: 0.1 } },
        settings: { checkpoint_every: 3 },
        evals: [{ every: 4, nodes: ['fit.eval1.1'] }],
      }),
      stage('tune', tune, {
        steps: 4,
        optimizers: [{ name: 'sgd', params: { lr: 0.01, momentum: 0.9 }, loss: null, model: null, source }],
        settings: { checkpoint_every: 2 },
      }),
    ],
  );
}

/** Runs until `globalStep` steps are done, then aborts as Ctrl-C would. */
async function runInterrupted(p: Plan, runDir: string, globalStep: number): Promise<SousError> {
  const controller = new AbortController();
  try {
    await run(p, {
      runDir,
      signal: controller.signal,
      onProgress: (e) => e.type === 'step' && e.globalStep === globalStep && controller.abort(),
    });
  } catch (error) {
    assert.instance(error, SousError);
    return error as SousError;
  }
  throw new Error('the run was not interrupted');
}

test('a run writes metrics records, evals and checkpoints in a run folder', async () => {
  const events: ProgressEvent[] = [];
  const result = await run(twoStagePlan(), { onProgress: (e) => events.push(e) });
  assert.is(result.globalStep, 10);
  const records = recordsOf(result.runDir);
  const train = records.filter((r) => r.kind === undefined);
  assert.equal(
    train.map((r) => `${r.stage}:${r.step}`),
    ['fit:0', 'fit:1', 'fit:2', 'fit:3', 'fit:4', 'fit:5', 'tune:0', 'tune:1', 'tune:2', 'tune:3'],
  );
  assert.equal(Object.keys(train[0]), ['stage', 'step', 'loss', 'lr', 'grad_norm', 'batch.y_mean']);
  assert.equal(
    records.filter((r) => r.kind === 'eval').map((r) => `${r.stage}:${r.step}`),
    ['fit:3', 'fit:5'],
  );
  // Checkpoints at global steps 3, 6 (fit), 8, 10 (tune); the newest two are kept.
  assert.equal(await listCheckpoints(result.runDir), [10, 8]);
  const state = await readCheckpointState(path.join(result.runDir, 'checkpoints', 'step-10'));
  assert.equal(
    [state.stage, state.step, state.globalStep, state.models, state.optimizers],
    ['tune', 4, 10, ['model'], ['optimizer-0.safetensors']],
  );
  assert.equal(fs.readdirSync(path.join(result.runDir, 'checkpoints', 'step-10')).sort(), [
    'model.safetensors',
    'optimizer-0.safetensors',
    'state.json',
  ]);
  assert.equal(
    events.map((e) => e.type).filter((t) => t !== 'step' && t !== 'eval'),
    ['start', 'checkpoint', 'checkpoint', 'checkpoint', 'checkpoint', 'done'],
  );
  const start = events[0] as Extract<ProgressEvent, { type: 'start' }>;
  assert.equal(start.stages, [
    { name: 'fit', steps: 6 },
    { name: 'tune', steps: 4 },
  ]);
  assert.ok(!metricsOf(result.runDir).toString().includes('time'), 'no wall-clock values in metrics');
});

test('the same recipe and seed give byte-identical metrics; another seed does not', async () => {
  const a = await run(twoStagePlan());
  const b = await run(twoStagePlan());
  const c = await run(twoStagePlan(), { seed: 4 });
  assert.ok(metricsOf(a.runDir).equals(metricsOf(b.runDir)));
  assert.not.ok(metricsOf(a.runDir).equals(metricsOf(c.runDir)));
});

test('determinism holds on the wasm backend too', async () => {
  const wasm = await selectBackend('wasm');
  try {
    const a = await run(twoStagePlan(), { backend: wasm });
    const b = await run(twoStagePlan(), { backend: wasm });
    assert.ok(metricsOf(a.runDir).equals(metricsOf(b.runDir)));
  } finally {
    await tf.setBackend('cpu');
  }
});

test('resume continues exactly: metrics.jsonl is byte-identical to an uninterrupted run', async () => {
  const whole = await run(twoStagePlan());
  // Stopped after global step 4: the newest checkpoint is step-3, and metrics.jsonl already holds
  // step 3 (and the eval after it), which resuming must cut away.
  for (const stopAt of [4, 7]) {
    const runDir = freshDir();
    const error = await runInterrupted(twoStagePlan(), runDir, stopAt);
    assert.match(error.message, /^interrupted before stage/);
    assert.match(error.hint!, new RegExp(`checkpoints/step-${stopAt === 4 ? 3 : 6}; continue from it with --resume`));
    assert.ok(recordsOf(runDir).length > (stopAt === 4 ? 3 : 6));
    const events: ProgressEvent[] = [];
    await run(twoStagePlan(), { runDir, resume: true, onProgress: (e) => events.push(e) });
    assert.is((events[0] as Extract<ProgressEvent, { type: 'start' }>).resumedAt, stopAt === 4 ? 3 : 6);
    assert.ok(metricsOf(runDir).equals(metricsOf(whole.runDir)), `resumed after ${stopAt} steps`);
  }
});

/** twoStagePlan, with `ref = frozen(model)` read only by an eval of the second stage: ref is the
 * model after "fit", and a resume inside "tune" must restore it from the checkpoint rather than
 * copy the resumed (further trained) model. */
function frozenReferencePlan(): Plan {
  const p = twoStagePlan();
  const tuneEval = node('tune.eval1.1', 'fixture.eval_mse', { inputs: { model: 'ref' } });
  p.nodes.splice(1, 0, node('ref', 'fixture.frozen', { inputs: { model: 'model' } }));
  p.nodes.push(tuneEval);
  p.stages[1].evals = [{ every: 1, nodes: [tuneEval.id] }];
  return p;
}

test('a frozen reference made by a later stage is checkpointed and restored exactly on resume', async () => {
  const whole = await run(frozenReferencePlan());
  const state = await readCheckpointState(path.join(whole.runDir, 'checkpoints', 'step-10'));
  assert.equal(state.models, ['model', 'ref']);
  const tuneEvals = recordsOf(whole.runDir).filter((r) => r.kind === 'eval' && r.stage === 'tune');
  assert.is(tuneEvals.length, 4);
  assert.ok(
    tuneEvals.every((r) => r.mse === tuneEvals[0].mse),
    'the frozen reference does not train',
  );
  const runDir = freshDir();
  await runInterrupted(frozenReferencePlan(), runDir, 9);
  await run(frozenReferencePlan(), { runDir, resume: true });
  assert.ok(metricsOf(runDir).equals(metricsOf(whole.runDir)));
});

test('resume at a stage boundary starts the next stage with fresh optimizer state', async () => {
  const whole = await run(twoStagePlan());
  const runDir = freshDir();
  await runInterrupted(twoStagePlan(), runDir, 6);
  assert.equal((await listCheckpoints(runDir))[0], 6);
  await run(twoStagePlan(), { runDir, resume: true });
  assert.ok(metricsOf(runDir).equals(metricsOf(whole.runDir)));
});

test('log_every thins train records (the last step is always logged); --steps caps stages', async () => {
  const logged = await run(regressionPlan({ steps: 6, settings: { log_every: 4 } }));
  assert.equal(
    recordsOf(logged.runDir).map((r) => r.step),
    [0, 4, 5],
  );
  const capped = await run(twoStagePlan(), { steps: 2 });
  assert.equal(
    recordsOf(capped.runDir)
      .filter((r) => !r.kind)
      .map((r) => `${r.stage}:${r.step}`),
    ['fit:0', 'fit:1', 'tune:0', 'tune:1'],
  );
  assert.equal(await listCheckpoints(capped.runDir), [4, 2]);
});

test('a NaN loss stops the run, keeps the last good checkpoint and says where it is', async () => {
  const nodes = [
    node('fit.batch', 'fixture.data'),
    node('fit.loss', 'fixture.nan_at', { params: { step: 4 }, inputs: { model: 'model', data: 'fit.batch' } }),
  ];
  const p = plan(
    [node('model', 'fixture.linear'), ...nodes],
    [stage('fit', nodes, { steps: 6, settings: { checkpoint_every: 3 } })],
  );
  const runDir = freshDir();
  try {
    await run(p, { runDir });
    assert.unreachable('should stop');
  } catch (error) {
    assert.instance(error, SousError);
    const e = error as SousError;
    assert.match(
      e.message,
      /stage "fit", step 4: the loss "loss" is NaN, produced by node "fit.loss" \(fixture.nan_at\)/,
    );
    assert.is(e.line, nodes[1].source.line);
    assert.match(
      e.hint!,
      /on_nan "skip".*The last good checkpoint is checkpoints\/step-3; continue from it with --resume/,
    );
  }
  assert.equal(await listCheckpoints(runDir), [3]);
  assert.equal(
    recordsOf(runDir).map((r) => r.step),
    [0, 1, 2, 3],
  );
});

test('checkpoint writes are atomic: a failed write leaves the previous checkpoint and no temp folder', async () => {
  const first = await run(regressionPlan({ steps: 2 }));
  const before = fs.readFileSync(path.join(first.runDir, 'checkpoints', 'step-2', 'model.safetensors'));
  const variable = tf.variable(tf.zeros([2]));
  const crashing: ModelEntry = {
    id: 'model',
    name: 'model',
    model: {
      kind: 'model',
      trainable: true,
      namedVariables: () => {
        throw new Error('simulated crash while writing');
      },
    },
  };
  const state = {
    planHash: 'fixture',
    seed: 3,
    stage: 'fit',
    stageIndex: 0,
    step: 3,
    globalStep: 3,
    skippedSteps: 0,
    metricsBytes: 0,
  };
  try {
    await writeCheckpoint(first.runDir, state, [crashing], []);
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, SousError);
    assert.match((error as SousError).file!, /checkpoints\/step-3$/);
  }
  assert.equal(fs.readdirSync(path.join(first.runDir, 'checkpoints')), ['step-2']);
  assert.ok(fs.readFileSync(path.join(first.runDir, 'checkpoints', 'step-2', 'model.safetensors')).equals(before));
  // A temp folder left by a killed process is not a checkpoint, and the next write removes it.
  fs.mkdirSync(path.join(first.runDir, 'checkpoints', '.step-9.tmp-1'));
  assert.equal(await listCheckpoints(first.runDir), [2]);
  const fine: ModelEntry = {
    id: 'model',
    name: 'model',
    model: { kind: 'model', trainable: true, namedVariables: () => new Map([['w', variable]]) },
  };
  await writeCheckpoint(first.runDir, state, [fine], []);
  assert.equal(fs.readdirSync(path.join(first.runDir, 'checkpoints')).sort(), ['step-2', 'step-3']);
  variable.dispose();
});

test('resuming from a damaged or missing checkpoint names the file', async () => {
  const expectError = async (runDir: string, pattern: RegExp, file: RegExp) => {
    try {
      await run(twoStagePlan(), { runDir, resume: true });
      assert.unreachable('should fail');
    } catch (error) {
      assert.instance(error, SousError, String(error));
      assert.match((error as SousError).message, pattern);
      assert.match((error as SousError).file!, file);
    }
  };
  const damaged = async (damage: (checkpoint: string) => void) => {
    const runDir = freshDir();
    await runInterrupted(twoStagePlan(), runDir, 4);
    damage(path.join(runDir, 'checkpoints', 'step-3'));
    return runDir;
  };
  await expectError(
    await damaged((dir) => fs.truncateSync(path.join(dir, 'model.safetensors'), 20)),
    /not a valid safetensors file/,
    /step-3\/model.safetensors$/,
  );
  await expectError(
    await damaged((dir) => fs.writeFileSync(path.join(dir, 'state.json'), '{"format": 1,')),
    /is not valid JSON/,
    /step-3\/state.json$/,
  );
  await expectError(
    await damaged((dir) => fs.rmSync(path.join(dir, 'optimizer-0.safetensors'))),
    /cannot read the checkpoint file/,
    /step-3\/optimizer-0.safetensors$/,
  );
  await expectError(
    await damaged((dir) => fs.rmSync(dir, { recursive: true })),
    /has no checkpoint to resume from/,
    /checkpoints$/,
  );
  const other = twoStagePlan();
  other.hash = 'another recipe';
  const runDir = await damaged(() => {});
  try {
    await run(other, { runDir, resume: true });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match((error as SousError).message, /different recipe/);
  }
});

test('the reporter is told at checkpoints, with the steps logged by then', async () => {
  // The train records in metrics.jsonl at each call of the reporter.
  const trainRecords = (runDir: string): number =>
    fs
      .readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.includes('"kind":"eval"')).length;
  const reported: number[] = [];
  const runDir = freshDir();
  const seen: (number | null)[] = [];
  const lastReported = () => reported.at(-1) ?? null; // null before the first call
  await run(regressionPlan({ steps: 4, settings: { checkpoint_every: 2 } }), {
    runDir,
    report: async (dir) => reported.push(trainRecords(dir)),
    onProgress: (e) => e.type === 'step' && seen.push(lastReported()),
  });
  // Each step event comes before that step's checkpoint: the report of step 2's checkpoint first shows at step 3.
  assert.equal(seen, [null, null, 2, 2]);
  assert.equal(reported, [2, 4]);
});

test('a failing reporter is a warning, not a failed run', async () => {
  const warnings: string[] = [];
  const result = await run(regressionPlan({ steps: 2 }), {
    report: async () => {
      throw new Error('disk full');
    },
    onProgress: (e) => e.type === 'log' && e.level === 'warn' && warnings.push(e.message),
  });
  assert.is(result.globalStep, 2);
  assert.equal(warnings, ['report.html was not updated: disk full']);
});

test('run folders: timestamped names, and a non-empty --out is refused', async () => {
  assert.is(timestamp(new Date(2025, 0, 7, 9, 30, 15)), '20250107-093015');
  const runs = path.join(scratch, 'runs');
  const first = await newRunDir(runs, 'sft arithmetic', new Date(2025, 0, 7, 9, 30, 15));
  assert.is(path.basename(first), 'sft-arithmetic-20250107-093015');
  fs.mkdirSync(first, { recursive: true });
  assert.is(
    path.basename(await newRunDir(runs, 'sft arithmetic', new Date(2025, 0, 7, 9, 30, 15))),
    'sft-arithmetic-20250107-093015-2',
  );
  await assertEmptyOrMissing(path.join(scratch, 'nothing-here'));
  await assertEmptyOrMissing(first);
  fs.writeFileSync(path.join(first, 'metrics.jsonl'), '');
  try {
    await assertEmptyOrMissing(first);
    assert.unreachable('should refuse');
  } catch (error) {
    assert.match((error as SousError).message, /already exists and is not empty/);
    assert.match((error as SousError).hint!, /--resume/);
  }
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
test.run();
