import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('a binding to a plain literal is an error', () => {
  const { source, diagnostics } = diagnose('beta = 0.04\nlr = -1e-3\n');
  assert.equal(summary(diagnostics), [at(source, '0.04', 'R0311'), at(source, '-1e-3', 'R0311')]);
  assert.match(diagnostics[0].message, '"beta" is bound to a plain value');
});

test('bindings to references and members are fine', () => {
  assert.equal(diagnose(`${MODELS}t = task\nv = task.vocab\n`).diagnostics, []);
});

test('an eval statement must run a node', () => {
  const { source, diagnostics } = diagnose(`${MODELS}stage a {
  steps 1
  eval every 1 {
    policy
    "accuracy"
    objectives.accuracy(policy, task.test)
  }
}
`);
  assert.equal(summary(diagnostics), [at(source, 'policy\n', 'R0311'), at(source, '"accuracy"', 'R0311')]);
  assert.match(diagnostics[0].message, 'an eval statement runs a node');
});

test.run();
