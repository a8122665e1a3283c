// `explain`: the resolved recipe parses, checks and compiles back to the same plan hash, is in
// canonical format, and writes every default out.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAndCompile, explain } from '../src/compile/index.js';
import { format } from '../src/format.js';
import { fixtureRecipes } from './fixtures/diagnose.js';
import { fixtureRegistry } from './fixtures/registry.js';

const sources = [
  ...fixtureRecipes(),
  { name: 'kitchen-sink.recipe', file: 'dsl/test/fixtures/kitchen-sink.recipe', source: fs.readFileSync(new URL('./fixtures/kitchen-sink.recipe', import.meta.url), 'utf8') },
];

for (const { name, file, source } of sources) {
  test(`${name}: explain compiles back to the same hash, cleanly, in canonical format`, () => {
    const { plan } = checkAndCompile(source, file, fixtureRegistry);
    const text = explain(plan!);
    const again = checkAndCompile(text, `${file} (explained)`, fixtureRegistry);
    assert.equal(again.diagnostics, []);
    assert.is(again.plan!.hash, plan!.hash);
    assert.is(format(text), text);
  });
}

test('explain writes out defaults, canonical units, plugin versions and aliases', () => {
  const { source, file } = sources.find((s) => s.name === 'sft-arithmetic.recipe')!;
  const text = explain(checkAndCompile(source, file, fixtureRegistry).plan!);
  assert.match(text, 'use "@sous/tasks" as tasks  # @sous/tasks@0.1.0\n');
  assert.match(text, '\non_nan "stop"\n');
  assert.match(text, 'task   = tasks.arithmetic(digits: 2, ops: "+-", seed: 7, train_size: 20000, test_size: 500)\n');
  assert.match(text, '  optimizer adamw(lr: 0.0003, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01)\n');
  assert.match(text, '  schedule cosine(warmup: 20, min_ratio: 0)\n');
  assert.match(text, '  eval every 100 { objectives.accuracy(policy: policy, data: task.test, max_new: 8, limit: 0) }\n');
});

test('explain keeps a stage loss bound under another name, optimizer targets and unary minus', () => {
  const sink = sources.at(-1)!;
  const text = explain(checkAndCompile(sink.source, sink.file, fixtureRegistry).plan!);
  assert.match(text, '\n  loss     = total\n');
  assert.match(text, 'optimizer sgd(lr: 0.01, momentum: 0.9, nesterov: false, model: critic, loss: side)');
  assert.match(text, 'side     = -1 * objectives.pg(');
  assert.match(text, 'edge.inspect(value: acc, extra: "label")');
});

test.run();
