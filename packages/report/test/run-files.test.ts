// Every JSON file sous reads back from a run folder (plan.json, run.json, a checkpoint's
// state.json) is checked by its schema: a damaged field is named with the file, never a crash
// deeper in (a plan without its hash once ended the report in "Cannot read properties of
// undefined (reading 'slice')").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { formatSousError, SousError } from '@sous/core';
import { readRunInfo, readCheckpointState } from '@sous/runtime';
import { loadRun } from '../src/run-folder.js';
import { writeReport } from '../src/write-report.js';
import { grpoPlan, makeRunFolder } from './report-fixtures.js';

const RUN_INFO = {
  recipe: 'tiny',
  file: 'tiny.recipe',
  planHash: 'a'.repeat(64),
  seed: 1,
  steps: null,
  backend: 'cpu',
  started: '2026-01-01T00:00:00.000Z',
};
const STATE = {
  format: 1,
  planHash: 'a'.repeat(64),
  seed: 1,
  stage: 'sft',
  stageIndex: 0,
  step: 3,
  globalStep: 3,
  skippedSteps: 0,
  metricsBytes: 120,
  models: ['policy'],
  optimizers: ['optimizer-0.safetensors'],
};

/** The one-paragraph text the CLI prints for what `action` throws. */
async function failure(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    assert.instance(error, SousError);
    return formatSousError(error as SousError);
  }
  throw new assert.Assertion({
    message: 'expected a SousError',
    operator: 'throws',
    generated: false,
    actual: 'no error',
    expects: 'a SousError',
  });
}

test('run.json: each damaged field is named with the file, before --resume uses it', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [
      { ...RUN_INFO, steps: 'ten' },
      'the run description has an invalid field "steps": expected number, received string',
    ],
    [
      { ...RUN_INFO, steps: 0 },
      'the run description has an invalid field "steps": Too small: expected number to be >=1',
    ],
    [
      { ...RUN_INFO, backend: 'quantum' },
      'the run description has an invalid field "backend": expected one of "tensorflow-gpu"|"webgpu"|"tensorflow"|"native"|"wasm"|"cpu"',
    ],
    [{ ...RUN_INFO, backend: undefined }, 'the run description has no field "backend"'],
    [
      { ...RUN_INFO, planHash: 'x', seed: -1 },
      'the run description has an invalid field "planHash": expected a sha256 in hex (and 1 more problem)',
    ],
  ];
  for (const [info, message] of cases) {
    const dir = makeRunFolder('resume', { 'run.json': JSON.stringify(info) });
    const file = path.join(dir, 'run.json');
    assert.is(
      await failure(() => readRunInfo(dir)),
      `${file}: ${message}. The run folder is damaged; start a new run.`,
    );
  }
  const dir = makeRunFolder('resume-ok', { 'run.json': JSON.stringify(RUN_INFO) });
  assert.equal(await readRunInfo(dir), RUN_INFO);
});

test('run.json that is not JSON gives the line and column of the error', async () => {
  const dir = makeRunFolder('resume-bad-json', { 'run.json': '{\n  "recipe": "tiny",\n  "seed": 1,,\n}' });
  assert.match(
    await failure(() => readRunInfo(dir)),
    new RegExp(`^${path.join(dir, 'run.json')}:3:13: the run description is not valid JSON \\(`),
  );
});

test("a checkpoint's state.json names the field it rejects", async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...STATE, stageIndex: -1 }, 'has an invalid field "stageIndex": Too small: expected number to be >=0'],
    [{ ...STATE, models: 'policy' }, 'has an invalid field "models": expected array, received string'],
    [{ ...STATE, optimizers: [0] }, 'has an invalid field "optimizers[0]": expected string, received number'],
    [{ ...STATE, format: 2 }, 'has an invalid field "format": expected 1'],
    [{ ...STATE, metricsBytes: undefined }, 'has no field "metricsBytes"'],
  ];
  for (const [state, message] of cases) {
    const dir = makeRunFolder('checkpoint', { 'state.json': JSON.stringify(state) });
    assert.is(
      await failure(() => readCheckpointState(dir)),
      `${path.join(dir, 'state.json')}: the checkpoint state ${message}. The checkpoint is damaged.`,
    );
  }
  const dir = makeRunFolder('checkpoint-ok', { 'state.json': JSON.stringify(STATE) });
  assert.equal(await readCheckpointState(dir), STATE);
});

test('a plan.json without its hash: the report leaves the graph out with a warning naming the field', async () => {
  const { hash: _, ...plan } = grpoPlan();
  const dir = makeRunFolder('plan-no-hash', {
    'plan.json': JSON.stringify(plan),
    'metrics.jsonl': '{"stage":"sft","step":0,"loss":1}\n',
  });
  const run = await loadRun(dir);
  assert.is(run.plan, undefined);
  assert.equal(run.warnings, [`${path.join(dir, 'plan.json')}: the plan has no field "hash"; the graph is left out.`]);
  const { warnings } = await writeReport(dir);
  assert.equal(warnings, run.warnings);
  assert.ok(fs.existsSync(path.join(dir, 'report.html')));
});

test("a plan.json with a damaged node names the node's field", async () => {
  const plan = grpoPlan();
  (plan.nodes[3] as { stage: unknown }).stage = 7;
  const dir = makeRunFolder('plan-bad-node', { 'plan.json': JSON.stringify(plan) });
  assert.equal((await loadRun(dir)).warnings, [
    `${path.join(dir, 'plan.json')}: the plan has an invalid field "nodes[3].stage": expected string, received number; the graph is left out.`,
  ]);
});

test.run();
