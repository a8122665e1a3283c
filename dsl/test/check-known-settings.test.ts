import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, summary } from './fixtures/diagnose.js';

test('every built-in setting at its level is accepted', () => {
  const { diagnostics } = diagnose(`seed 3
on_nan "skip"
stage a {
  steps 10
  clip_grad_norm 1.0
  accumulate 2
  on_nan "stop"
  log_every 5
  checkpoint_every 10steps
  schedule warmup(warmup: 2)
}
`);
  assert.equal(diagnostics, []);
});

test('a misspelt setting gets a suggestion from the settings of its level', () => {
  const { source, diagnostics } = diagnose('stage a {\n  steps 1\n  acumulate 2\n}\n');
  assert.equal(summary(diagnostics), [at(source, 'acumulate', 'R0210')]);
  assert.is(diagnostics[0].suggestion, 'accumulate');
  assert.match(diagnostics[0].message, 'unknown stage setting "acumulate"');
});

test('a misspelt statement keyword reads as a setting and gets the keyword suggested', () => {
  const { diagnostics } = diagnose('uze "@sous/rewards"\n');
  assert.equal(
    diagnostics.map((d) => [d.code, d.suggestion]),
    [['R0210', 'use']],
  );
});

test('a setting at the wrong level says where it belongs', () => {
  const top = diagnose('steps 10\n');
  assert.equal(summary(top.diagnostics), [at(top.source, 'steps', 'R0210')]);
  assert.match(top.diagnostics[0].message, '"steps" is a stage setting; move it into a stage');
  const stage = diagnose('stage a {\n  steps 1\n  seed 4\n}\n');
  assert.equal(summary(stage.diagnostics), [at(stage.source, 'seed', 'R0210')]);
  assert.match(stage.diagnostics[0].message, 'top-level setting; move it out of the stage');
});

test('a setting given twice is an error at the second; optimizers may repeat', () => {
  const { source, diagnostics } = diagnose('seed 1\nseed 2\n');
  assert.equal(summary(diagnostics), [at(source, 'seed 2', 'R0214')]);
  assert.match(diagnostics[0].message, 'already set on line 7');
});

test.run();
