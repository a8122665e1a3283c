// Stage settings come from the language's schemas: defaults as `sous check` documents them, on_nan
// inherited from the recipe, and a plan whose settings the schema refuses is a clear error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SousError } from '@sous/core';
import { stageSettings } from '../src/train/settings.js';
import { plan, stage } from './exec-fixtures.js';

test('unset settings take the schema defaults and the recipe on_nan', () => {
  const sgd = stage('sgd', []);
  assert.equal(stageSettings(plan([], [sgd], { on_nan: 'skip' }), sgd), {
    accumulate: 1,
    clipGradNorm: undefined,
    onNan: 'skip',
    logEvery: 1,
    checkpointEvery: 0,
  });
});

test('set settings win over defaults and the recipe on_nan', () => {
  const settings = { accumulate: 4, clip_grad_norm: 1.5, on_nan: 'stop', log_every: 10, checkpoint_every: 50 };
  const sgd = stage('sgd', [], { settings });
  assert.equal(stageSettings(plan([], [sgd], { on_nan: 'skip' }), sgd), {
    accumulate: 4,
    clipGradNorm: 1.5,
    onNan: 'stop',
    logEvery: 10,
    checkpointEvery: 50,
  });
});

test('a setting the schema refuses names the stage and the setting', () => {
  const sgd = stage('sgd', [], { settings: { accumulate: 0 } });
  try {
    stageSettings(plan([], [sgd]), sgd);
    assert.unreachable('accumulate 0 was accepted');
  } catch (error) {
    assert.instance(error, SousError);
    assert.match((error as SousError).message, /^stage "sgd": setting accumulate: /);
  }
});

test.run();
