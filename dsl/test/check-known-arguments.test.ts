import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('positional arguments bind ports in order; named ones bind ports or parameters', () => {
  assert.equal(
    diagnose(
      `${MODELS}p = samplers.prompts(size: 4, data: task.train)\nr = samplers.group(policy, prompts: p, group: 2)\n`,
    ).diagnostics,
    [],
  );
});

test('an unknown argument name lists what the node takes and suggests the closest', () => {
  const { source, diagnostics } = diagnose(`${MODELS}p = samplers.prompts(task.train, sise: 4)\n`);
  assert.equal(summary(diagnostics), [at(source, 'sise', 'R0205')]);
  assert.is(diagnostics[0].message, 'samplers.prompts has no parameter or input "sise"; it takes data, size');
  assert.is(diagnostics[0].suggestion, 'size');
});

test('an argument given twice is an error at the second', () => {
  const { source, diagnostics } = diagnose(`${MODELS}p = samplers.prompts(task.train, data: task.test)\n`);
  assert.equal(summary(diagnostics), [at(source, 'data: task.test', 'R0213')]);
  assert.match(diagnostics[0].message, '"data" of samplers.prompts is given more than once');
});

test('more positional arguments than input ports is an error', () => {
  const { source, diagnostics } = diagnose(`${MODELS}p = samplers.prompts(task.train, 16)\n`);
  assert.equal(summary(diagnostics), [at(source, '16', 'R0309')]);
  assert.match(diagnostics[0].message, 'samplers.prompts takes 1 positional argument (its inputs data)');
});

test.run();
