import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('references may point forwards, at top level and in a stage', () => {
  const { diagnostics } = diagnose(`policy = models.gpt(vocab: task.vocab)
task   = tasks.arithmetic()
stage a {
  steps 1
  optimizer sgd(lr: 0.1)
  loss  = objectives.nll(policy, batch)
  batch = samplers.dataset(task.train)
}
`);
  assert.equal(diagnostics, []);
});

test('a dangling reference is an error with a suggestion from the names in scope', () => {
  const { source, diagnostics } = diagnose(`${MODELS}frozen = models.frozen(polcy)\n`);
  assert.equal(summary(diagnostics), [at(source, 'polcy', 'R0204')]);
  assert.is(diagnostics[0].message, 'unknown name "polcy"');
  assert.is(diagnostics[0].suggestion, 'policy');
});

test('a name bound in another stage is explained', () => {
  const { source, diagnostics } = diagnose(`${MODELS}stage a {
  steps 1
  batch = samplers.dataset(task.train)
}
stage b {
  steps 1
  optimizer sgd(lr: 0.1)
  loss = objectives.nll(policy, batch)
}
`);
  assert.equal(summary(diagnostics), [at(source, 'batch)', 'R0204')]);
  assert.match(diagnostics[0].message, 'it is bound in stage "a", and stage bindings are visible only there');
});

test('a namespace used as a value is an error', () => {
  const { source, diagnostics } = diagnose(`${MODELS}frozen = models.frozen(models)\n`);
  assert.equal(summary(diagnostics), [at(source, 'models)', 'R0310')]);
  assert.match(diagnostics[0].message, '"models" is a namespace, not a value');
});

test.run();
