// `explain`: the resolved recipe parses, checks and compiles back to the same plan hash, is in
// canonical format, and writes every default out. (The examples' round trip against the real
// plugins is packages/cli/test/examples.test.ts.)
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, explain } from '../src/compile/index.js';
import { format } from '../src/format.js';
import { fixtureRegistry } from './fixtures/registry.js';

const file = 'dsl/test/fixtures/kitchen-sink.recipe';
const source = fs.readFileSync(new URL('./fixtures/kitchen-sink.recipe', import.meta.url), 'utf8');
const { diagnostics, plan } = checkAndCompile(source, file, fixtureRegistry);
const text = plan ? explain(plan) : '';

test('the kitchen sink checks cleanly; explain compiles back to the same hash, in canonical format', () => {
  assert.equal(diagnostics, []);
  const again = checkAndCompile(text, `${file} (explained)`, fixtureRegistry);
  assert.equal(again.diagnostics, []);
  assert.is(again.plan!.hash, plan!.hash);
  assert.is(format(text), text);
});

test('explain writes out defaults, canonical units, plugin versions and aliases', () => {
  assert.match(text, 'use "@sous/models" as m  # @sous/models@0.1.0\n');
  assert.match(text, '\non_nan "skip"\n');
  assert.match(
    text,
    'task   = tasks.arithmetic(digits: 2, ops: "+-", pad: false, reverse: false, seed: 0, test_size: 500)\n',
  );
  assert.match(text, '  schedule cosine(warmup: 5, min_ratio: 0.1)\n');
  assert.match(text, '  optimizer adam(lr: 0.000001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0)\n');
});

test('explain keeps a stage loss bound under another name, optimizer targets and unary minus', () => {
  assert.match(text, '\n  loss     = total\n');
  assert.match(
    text,
    'optimizer sgd(lr: 0.01, momentum: 0.9, nesterov: false, weight_decay: 0, model: critic, loss: side)',
  );
  assert.match(text, 'side     = -1 * objectives.reinforce(');
  assert.match(text, 'fixture.inspect(value: acc, extra: "label")');
});

test.run();
