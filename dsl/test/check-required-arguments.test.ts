import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

test('a missing input port is an error at the callee', () => {
  const { source, diagnostics } = diagnose(`${MODELS}r = samplers.group(policy)\n`);
  assert.equal(summary(diagnostics), [at(source, 'samplers.group', 'R0305')]);
  assert.is(
    diagnostics[0].message,
    'samplers.group needs its input "prompts" (Prompts); pass it in order or as `prompts: ...`',
  );
});

test('a missing required parameter is an error with its doc', () => {
  const { source, diagnostics } = diagnose('t = tasks.jsonl()\n');
  assert.equal(summary(diagnostics), [at(source, 'tasks.jsonl', 'R0304')]);
  assert.match(diagnostics[0].message, 'tasks.jsonl needs the parameter "path": JSONL file');
});

test('optional ports and parameters may be left out', () => {
  const { diagnostics } = diagnose(
    'use "@sous-fixture/shapes"\nx = fixture.inspect(1)\ny = tasks.jsonl(path: "a.jsonl")\n',
  );
  assert.equal(diagnostics, []);
});

test("a built-in's required parameter is checked too", () => {
  const { source, diagnostics } = diagnose(`${MODELS}stage a {
  steps 1
  optimizer adamw()
  batch = samplers.dataset(task.train)
  loss  = objectives.nll(policy, batch)
}
`);
  assert.equal(summary(diagnostics), [at(source, 'adamw', 'R0304')]);
  assert.match(diagnostics[0].message, 'adamw needs the parameter "lr"');
});

test.run();
