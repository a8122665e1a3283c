import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dataset, Example, Prompts } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { drawIndices } from '../src/epoch-order.js';
import { prompts } from '../src/nodes/prompts.js';
import { testTokenizer } from './tokenizer.js';

const vocab = testTokenizer('0123456789+=');
const examples: Example[] = Array.from({ length: 10 }, (_, i) => ({ prompt: `${i}+1=`, answer: String(i + 1) }));
const data: Dataset = { kind: 'dataset', name: 'toy.train', size: 10, vocab, get: (i) => examples[i] };

test("draws `size` prompts a step in the epoch order of samplers.dataset, with the dataset's vocab", () => {
  const ctx = testContext({ nodeId: 'grpo.prompts', stage: 'grpo', step: 3 });
  const out = runNode<Prompts>(prompts, { data }, { size: 4 }, ctx);
  assert.is(out.kind, 'prompts');
  assert.is(out.vocab, vocab);
  const expected = drawIndices(10, 4, testContext({ nodeId: 'grpo.prompts', stage: 'grpo', step: 3 })).map(
    (i) => examples[i],
  );
  assert.equal(out.examples, expected);
});

test('no repeats within an epoch; the same step draws the same prompts in a fresh process', () => {
  const seen = [0, 1].flatMap((step) =>
    runNode<Prompts>(prompts, { data }, { size: 5 }, testContext({ step })).examples.map((e) => e.prompt),
  );
  assert.is(new Set(seen).size, 10);
  const again = runNode<Prompts>(prompts, { data }, { size: 5 }, testContext({ step: 1 })).examples.map(
    (e) => e.prompt,
  );
  assert.equal(again, seen.slice(5));
});

test('an empty dataset is a clear error', async () => {
  await new NodeTester(prompts).run({
    invalid: [{ inputs: { data: { ...data, size: 0 } }, messageId: 'emptyDataset', data: { dataset: 'toy.train' } }],
  });
});

test.run();
