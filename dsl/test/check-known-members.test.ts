import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('declared members resolve, through aliases too', () => {
  assert.equal(diagnose(`${MODELS}t = task\nbatch = samplers.prompts(t.test)\n`).diagnostics, []);
});

test('an unknown member lists the members and suggests the closest', () => {
  const { source, diagnostics } = diagnose(`${MODELS}p = samplers.prompts(task.tets)\n`);
  assert.equal(summary(diagnostics), [at(source, 'tets', 'R0206')]);
  assert.is(diagnostics[0].message, 'Task has no member "tets"; its members are train, test, vocab');
  assert.is(diagnostics[0].suggestion, 'test');
});

test('a value without members says so', () => {
  const { source, diagnostics } = diagnose(`${MODELS}p = samplers.prompts(policy.train)\n`);
  assert.equal(summary(diagnostics), [at(source, 'train)', 'R0206')]);
  assert.match(diagnostics[0].message, 'Model has no members');
});

test('a member of an unnamed value asks for a binding first', () => {
  const { source, diagnostics } = diagnose('p = samplers.prompts(tasks.arithmetic().train)\n');
  assert.equal(summary(diagnostics), [at(source, 'tasks.arithmetic().train', 'R0313')]);
});

test.run();
