import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

const SHAPES = 'use "@sous-fixture/shapes"\n';

test('literals of every parameter type are accepted', () => {
  const { diagnostics } =
    diagnose(`${SHAPES}${MODELS}r = samplers.group(policy, samplers.prompts(task.train), group: 4, max_new: 12, temperature: 0.7, stop: ["\\n"])
k = objectives.pass_at_k(policy, task.test, k: [1, 4])
x = rewards.exact_answer(r, task, wrong: -1)
b = fixture.budget(label: "b", window: 12tokens, sizes: [1, 2])
`);
  assert.equal(diagnostics, []);
});

test('a value of the wrong type names the expected type', () => {
  const { source, diagnostics } = diagnose('t = tasks.arithmetic(digits: "two")\n');
  assert.equal(summary(diagnostics), [at(source, '"two"', 'R0301')]);
  assert.is(diagnostics[0].message, '"digits" of tasks.arithmetic expects an integer, got a string');
});

test('an integer parameter rejects a fraction', () => {
  const { source, diagnostics } = diagnose('t = tasks.arithmetic(digits: 2.5)\n');
  assert.equal(summary(diagnostics), [at(source, '2.5', 'R0301')]);
  assert.is(diagnostics[0].message, '"digits" of tasks.arithmetic expects an integer, got 2.5');
});

test('an enum value outside its values lists them and suggests the closest, quoted', () => {
  const { source, diagnostics } = diagnose('p = models.gpt(vocab: 1, preset: "tyni")\n'.replace('vocab: 1, ', ''));
  const enumError = diagnostics.find((d) => d.code === 'R0301')!;
  assert.is(`${enumError.range.start.line}:${enumError.range.start.column} R0301`, at(source, '"tyni"', 'R0301'));
  assert.is(enumError.message, '"preset" of models.gpt must be one of "tiny", "grpo-tiny", "gpt2", got "tyni"');
  assert.is(enumError.suggestion, '"tiny"');
});

test('a list parameter checks its items and rejects a scalar', () => {
  const item = diagnose(`${MODELS}k = objectives.pass_at_k(policy, task.test, k: [1, "8"])\n`);
  assert.equal(summary(item.diagnostics), [at(item.source, '"8"', 'R0301')]);
  const scalar = diagnose(`${MODELS}k = objectives.pass_at_k(policy, task.test, k: 8)\n`);
  assert.equal(summary(scalar.diagnostics), [at(scalar.source, '8)', 'R0301')]);
  assert.match(scalar.diagnostics[0].message, 'expects a list of integers, got a number');
});

test("a list parameter checks how many items it has and each item's bounds", () => {
  const empty = diagnose(`${MODELS}k = objectives.pass_at_k(policy, task.test, k: [])\n`);
  assert.equal(summary(empty.diagnostics), [at(empty.source, '[]', 'R0302')]);
  assert.is(empty.diagnostics[0].message, '"k" of objectives.pass_at_k must have at least 1 item, got 0');
  const zero = diagnose(`${MODELS}k = objectives.pass_at_k(policy, task.test, k: [0, 8])\n`);
  assert.equal(summary(zero.diagnostics), [at(zero.source, '0,', 'R0302')]);
  assert.is(zero.diagnostics[0].message, '"k" of objectives.pass_at_k must be >= 1 and <= 1024, got 0');
});

test('values out of range name the bound, exclusive or inclusive', () => {
  const high = diagnose('t = tasks.arithmetic(digits: 7)\n');
  assert.equal(summary(high.diagnostics), [at(high.source, '7)', 'R0302')]);
  assert.is(high.diagnostics[0].message, '"digits" of tasks.arithmetic must be >= 1 and <= 6, got 7');
  const exclusive = diagnose('use "@sous/diffusion"\nt = diffusion.gaussian_mixture(std: 0)\n');
  assert.equal(summary(exclusive.diagnostics), [at(exclusive.source, '0)', 'R0302')]);
  assert.is(exclusive.diagnostics[0].message, '"std" of diffusion.gaussian_mixture must be > 0, got 0');
  const item = diagnose(`${SHAPES}b = fixture.budget(label: "b", sizes: [0, 8])\n`);
  assert.equal(summary(item.diagnostics), [at(item.source, '0,', 'R0302')]);
  const negative = diagnose('seed -1\n');
  assert.equal(summary(negative.diagnostics), [at(negative.source, '-1', 'R0302')]);
});

test('a quantity on a parameter without a dimension is a wrong unit, with the plain number suggested', () => {
  const { source, diagnostics } = diagnose('t = tasks.arithmetic(digits: 2steps)\n');
  assert.equal(summary(diagnostics), [at(source, '2steps', 'R0303')]);
  assert.is(diagnostics[0].message, '"digits" of tasks.arithmetic takes a plain number, not a quantity in steps');
  assert.is(diagnostics[0].suggestion, '2');
});

test('a quantity of the wrong dimension names the expected dimension and its units', () => {
  const { source, diagnostics } = diagnose(`${SHAPES}b = fixture.budget(label: "x", memory: 30s)\n`);
  assert.equal(summary(diagnostics), [at(source, '30s', 'R0303')]);
  assert.is(diagnostics[0].message, '"memory" of fixture.budget expects a memory (KiB, MiB, GiB), got 30s (time)');
});

test('quantities of the right dimension are accepted and checked against the range in canonical units', () => {
  assert.equal(
    diagnose(`${SHAPES}b = fixture.budget(label: "x", memory: 2GiB, timeout: 5min, share: 25%)\n`).diagnostics,
    [],
  );
  const { source, diagnostics } = diagnose(`${SHAPES}b = fixture.budget(label: "x", share: 150%)\n`);
  assert.equal(summary(diagnostics), [at(source, '150%', 'R0302')]);
  assert.is(diagnostics[0].message, '"share" of fixture.budget must be >= 0 and <= 1, got 1.5');
});

test('a parameter given an expression needs a literal', () => {
  const { source, diagnostics } = diagnose(`${MODELS}r = samplers.prompts(task.train, size: policy)\n`);
  assert.equal(summary(diagnostics), [at(source, 'policy)', 'R0308', 2)]);
  assert.match(
    diagnostics[0].message,
    '"size" of samplers.prompts takes a literal value (number, quantity, string, boolean or list), not a reference to "policy"',
  );
});

test('settings and `eval every` are checked like parameters', () => {
  const { source, diagnostics } = diagnose(`${MODELS}on_nan "ignore"
stage a {
  steps 0
  log_every 10s
  eval every 2.5 {
    objectives.accuracy(policy, task.test)
  }
}
`);
  assert.equal(summary(diagnostics), [
    at(source, '"ignore"', 'R0301'),
    at(source, '0\n', 'R0302'),
    at(source, '10s', 'R0303'),
    at(source, '2.5', 'R0301'),
  ]);
  assert.is(diagnostics[2].message, 'setting "log_every" expects a count (steps, epochs, tokens), got 10s (time)');
});

test.run();
