import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('a value of the wrong type for a port names both types', () => {
  const { source, diagnostics } = diagnose(
    `${MODELS}p = samplers.prompts(task.train)\nr = samplers.group(policy, task.train)\n`,
  );
  assert.equal(summary(diagnostics), [at(source, 'task.train)', 'R0306', 2)]);
  assert.is(diagnostics[0].message, 'input "prompts" of samplers.group expects Prompts, got Dataset');
});

test('member types and named ports are checked', () => {
  const { source, diagnostics } = diagnose('task = tasks.arithmetic()\npolicy = models.gpt(vocab: task.train)\n');
  assert.equal(summary(diagnostics), [at(source, 'task.train', 'R0306')]);
  assert.match(diagnostics[0].message, 'expects Tokenizer, got Dataset');
});

test('an Any port takes anything, and a literal fits a Number port', () => {
  const { diagnostics } = diagnose(`use "@sous-fixture/shapes"\n${MODELS}stage a {
  steps 1
  optimizer sgd(lr: 0.1)
  batch = samplers.dataset(task.train)
  loss  = fixture.weighted(objectives.nll(policy, batch), 0.5)
  seen  = fixture.inspect(policy, extra: [1, 2])
}
`);
  assert.equal(diagnostics, []);
});

test('a literal into a typed port is a type error', () => {
  const { source, diagnostics } = diagnose('x = models.frozen(3)\n');
  assert.equal(summary(diagnostics), [at(source, '3', 'R0306')]);
  assert.match(diagnostics[0].message, 'expects Model, got Number');
});

test.run();
