import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('a name bound twice in one scope is an error at the second, pointing to the first', () => {
  const { source, diagnostics } = diagnose(`${MODELS}policy = models.gpt(vocab: task.vocab)\n`);
  assert.equal(summary(diagnostics), [at(source, 'policy =', 'R0207', 2)]);
  assert.match(diagnostics[0].message, '"policy" is already bound on line 8');
});

test('the same name in two stages is fine', () => {
  const stage = (name: string) =>
    `stage ${name} {\n  steps 1\n  optimizer sgd(lr: 0.1)\n  batch = samplers.dataset(task.train)\n  loss = objectives.nll(policy, batch)\n}\n`;
  assert.equal(diagnose(MODELS + stage('a') + stage('b')).diagnostics, []);
});

test('a stage binding may not hide a top-level one', () => {
  const { source, diagnostics } = diagnose(`${MODELS}stage a {\n  steps 1\n  ref = models.frozen(policy)\n}\n`);
  assert.equal(summary(diagnostics), [at(source, 'ref', 'R0208', 2)]);
  assert.match(diagnostics[0].message, 'hides the top-level binding on line 9');
});

test('an eval binding may not hide a stage binding', () => {
  const { source, diagnostics } = diagnose(`${MODELS}stage a {
  steps 1
  m = objectives.accuracy(policy, task.test)
  eval every 1 {
    m = objectives.accuracy(policy, task.test)
  }
}
`);
  assert.equal(summary(diagnostics), [at(source, 'm =', 'R0208', 2)]);
  assert.match(diagnostics[0].message, 'hides the stage binding');
});

test('a binding may not hide a namespace', () => {
  const { source, diagnostics } = diagnose('tasks = models.gpt(vocab: 1)\n'.replace('vocab: 1', ''));
  assert.equal(
    summary(diagnostics).filter((s) => s.endsWith('R0208')),
    [at(source, 'tasks =', 'R0208')],
  );
  assert.match(diagnostics.find((d) => d.code === 'R0208')!.message, 'hides the namespace of `use "@sous/tasks"`');
});

test.run();
