import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('a misspelt node is an error over `namespace.node` with the closest node suggested', () => {
  const { source, diagnostics } = diagnose(`${MODELS}prompts = samplers.prompts(task.train)
rollouts = samplers.gruop(policy, prompts)
`);
  assert.equal(summary(diagnostics), [at(source, 'samplers.gruop', 'R0202')]);
  assert.is(diagnostics[0].message, 'unknown node "samplers.gruop"');
  assert.is(diagnostics[0].suggestion, 'samplers.group');
  assert.is(diagnostics[0].range.end.column - diagnostics[0].range.start.column, 'samplers.gruop'.length);
});

test('a node far from every name gets no suggestion', () => {
  const { diagnostics } = diagnose('x = tasks.zzzzzzzz()\n');
  assert.equal(
    diagnostics.map((d) => d.code),
    ['R0202'],
  );
  assert.is(diagnostics[0].suggestion, undefined);
});

test('an unknown namespace suggests an imported one', () => {
  const { source, diagnostics } = diagnose('task = tsks.arithmetic()\n');
  assert.equal(summary(diagnostics), [at(source, 'tsks', 'R0203')]);
  assert.is(diagnostics[0].suggestion, 'tasks');
});

test('a namespace the registry offers but the recipe does not use names the `use` line', () => {
  const { source, diagnostics } = diagnose('score = diffusion.mlp_score(dim: 2)\n');
  assert.equal(summary(diagnostics), [at(source, 'diffusion', 'R0203')]);
  assert.match(diagnostics[0].message, 'add `use "@sous/diffusion"`');
});

test('a node named without a call is an error', () => {
  const { source, diagnostics } = diagnose(`${MODELS}frozen = models.frozen\n`);
  assert.equal(summary(diagnostics), [at(source, 'models.frozen\n', 'R0310')]);
  assert.match(diagnostics[0].message, 'models.frozen is a node; call it');
});

test('calling a binding, or an optimizer outside a setting, is not callable', () => {
  const binding = diagnose(`${MODELS}x = policy(task)\n`);
  assert.equal(summary(binding.diagnostics), [at(binding.source, 'policy(', 'R0312')]);
  const optimizer = diagnose('opt = adamw(lr: 0.1)\n');
  assert.equal(summary(optimizer.diagnostics), [at(optimizer.source, 'adamw', 'R0312')]);
  assert.match(
    optimizer.diagnostics[0].message,
    'adamw is an optimizer: write it as a stage setting, `optimizer adamw(...)`',
  );
  const member = diagnose(`${MODELS}x = task.vocab.more()\n`);
  assert.equal(summary(member.diagnostics), [at(member.source, 'task.vocab.more', 'R0312')]);
});

test.run();
