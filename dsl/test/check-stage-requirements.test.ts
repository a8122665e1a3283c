import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

const BATCH = '  batch = samplers.dataset(task.train)\n';

test('a stage without steps is an error at its name', () => {
  const { source, diagnostics } = diagnose(
    `${MODELS}stage warm {\n  optimizer sgd(lr: 0.1)\n${BATCH}  loss = objectives.nll(policy, batch)\n}\n`,
  );
  assert.equal(summary(diagnostics), [at(source, 'warm', 'R0403')]);
  assert.match(diagnostics[0].message, 'stage "warm" needs `steps N`');
});

test('an optimizer without a loss is an error; `loss:` on the optimizer is enough', () => {
  const { source, diagnostics } = diagnose(
    `${MODELS}stage s {\n  steps 1\n  optimizer sgd(lr: 0.1)\n${BATCH}  nll = objectives.nll(policy, batch)\n}\n`,
  );
  assert.equal(summary(diagnostics), [at(source, 's {', 'R0404')]);
  assert.equal(
    diagnose(
      `${MODELS}stage s {\n  steps 1\n  optimizer sgd(lr: 0.1, loss: nll)\n${BATCH}  nll = objectives.nll(policy, batch)\n}\n`,
    ).diagnostics,
    [],
  );
});

test('the stage loss must be a Loss', () => {
  const { source, diagnostics } = diagnose(
    `${MODELS}stage s {\n  steps 1\n  optimizer sgd(lr: 0.1)\n  loss = samplers.dataset(task.train)\n}\n`,
  );
  assert.equal(summary(diagnostics), [at(source, 'loss', 'R0405')]);
  assert.is(diagnostics[0].message, "the stage's `loss` must be a Loss, got Batch");
});

test('a loss without an optimizer is a warning', () => {
  const { source, diagnostics } = diagnose(
    `${MODELS}stage s {\n  steps 1\n${BATCH}  loss = objectives.nll(policy, batch)\n}\n`,
  );
  assert.equal(summary(diagnostics), [at(source, 'loss', 'R0406')]);
  assert.is(diagnostics[0].severity, 'warning');
});

test('several optimizers each name a different model', () => {
  const base = (a: string, b: string) => `${MODELS}critic = models.gpt(vocab: task.vocab)
stage s {
  steps 1
  optimizer adamw(lr: 1e-4${a})
  optimizer sgd(lr: 0.1${b})
${BATCH}  loss = objectives.nll(policy, batch)
}
`;
  assert.equal(diagnose(base(', model: policy', ', model: critic')).diagnostics, []);
  const missing = diagnose(base(', model: policy', ''));
  assert.equal(summary(missing.diagnostics), [at(missing.source, 'sgd', 'R0407')]);
  assert.match(missing.diagnostics[0].message, 'stage "s" has 2 optimizers; give each one `model:`');
  const same = diagnose(base(', model: policy', ', model: policy'));
  assert.equal(summary(same.diagnostics), [at(same.source, 'policy)', 'R0407', 3)]);
  assert.match(same.diagnostics[0].message, '"policy" is already updated by the optimizer on line');
});

test.run();
