import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

const stage = (settings: string) => `${MODELS}stage a {
  steps 10
${settings}
  batch = samplers.dataset(task.train)
  loss  = objectives.nll(policy, batch)
}
`;

test('every optimizer and schedule is known', () => {
  const optimizers = [
    'adamw(lr: 1e-3)',
    'adam(lr: 1e-3, eps: 1e-6, weight_decay: 0.1)',
    'sgd(lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.1)',
  ];
  for (const optimizer of optimizers) {
    for (const schedule of [
      'constant()',
      'warmup(warmup: 5)',
      'cosine(warmup: 10steps, min_ratio: 10%)',
      'linear(end_ratio: 0.1)',
    ]) {
      assert.equal(
        diagnose(stage(`  optimizer ${optimizer}\n  schedule ${schedule}`)).diagnostics,
        [],
        `${optimizer} ${schedule}`,
      );
    }
  }
});

test('an unknown optimizer gets a suggestion', () => {
  const { source, diagnostics } = diagnose(stage('  optimizer adamW(lr: 1e-3)'));
  assert.equal(summary(diagnostics), [at(source, 'adamW', 'R0211')]);
  assert.is(diagnostics[0].suggestion, 'adamw');
  assert.match(diagnostics[0].message, 'the optimizers are adamw, adam, sgd');
});

test('an unknown schedule gets a suggestion', () => {
  const { source, diagnostics } = diagnose(stage('  optimizer adamw(lr: 1e-3)\n  schedule cosin()'));
  assert.equal(summary(diagnostics), [at(source, 'cosin', 'R0212')]);
  assert.is(diagnostics[0].suggestion, 'cosine');
});

test('an optimizer setting that is not a call is a wrong value', () => {
  const { source, diagnostics } = diagnose(stage('  optimizer 0.001'));
  assert.equal(summary(diagnostics), [at(source, '0.001', 'R0301')]);
  assert.match(diagnostics[0].message, 'optimizer takes a call to one of adamw, adam, sgd');
});

test("adam's betas are exactly two numbers in [0, 1)", () => {
  const short = diagnose(stage('  optimizer adam(lr: 1e-3, betas: [0.9])'));
  assert.equal(summary(short.diagnostics), [at(short.source, '[0.9]', 'R0302')]);
  assert.is(short.diagnostics[0].message, '"betas" of adam must have 2 items, got 1');
  const high = diagnose(stage('  optimizer adam(lr: 1e-3, betas: [0.9, 1])'));
  assert.equal(summary(high.diagnostics), [at(high.source, '1])', 'R0302')]);
  assert.is(high.diagnostics[0].message, '"betas" of adam must be >= 0 and < 1, got 1');
});

test('the warmup schedule needs its warm-up length', () => {
  const { source, diagnostics } = diagnose(stage('  optimizer adamw(lr: 1e-3)\n  schedule warmup()'));
  assert.equal(summary(diagnostics), [at(source, 'warmup()', 'R0304')]);
  assert.is(
    diagnostics[0].message,
    'warmup needs the parameter "warmup": Steps of linear warm-up from 0 to the peak learning rate.',
  );
});

test("an optimizer's model: and loss: take binding names", () => {
  const { source, diagnostics } = diagnose(stage('  optimizer adamw(lr: 1e-3, model: models.frozen(policy))'));
  assert.equal(summary(diagnostics), [at(source, 'models.frozen(policy))', 'R0301')]);
  assert.match(diagnostics[0].message, '`model:` of adamw takes the name of a Model binding');
});

test.run();
