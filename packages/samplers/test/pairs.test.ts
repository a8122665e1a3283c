import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dataset, Example, Pairs } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { pairs } from '../src/nodes/pairs.js';
import { testTokenizer } from './tokenizer.js';

const digits = testTokenizer('0123456789+=-'); // '0' → 3, ..., '9' → 12, '+' → 13, '=' → 14

function makePairsData(size: number): Dataset {
  const examples: Example[] = Array.from({ length: size }, (_, index) => ({
    prompt: `${index}+0=`,
    answer: `${index}`,
    chosen: `${index}`,
    rejected: `${index + 1}`,
  }));
  return { kind: 'dataset', name: 'prefs', size, vocab: digits, get: (index) => examples[index] };
}

const draw = (data: Dataset, size: number, overrides = {}): Pairs =>
  runNode<Pairs>(pairs, { data }, { size }, testContext(overrides));

test('chosen rows then rejected rows, bos + prompt + answer + eos, right-padded; targetMask on answer and eos', () => {
  const data: Dataset = {
    ...makePairsData(1),
    get: () => ({ prompt: '1+2=', answer: '3', chosen: '3', rejected: '12' }),
  };
  const batch = draw(data, 1);
  assert.is(batch.kind, 'pairs');
  assert.is(batch.size, 1);
  assert.is(batch.batch.size, 2);
  assert.equal(Array.from(batch.batch.tokens), [
    1,
    4,
    13,
    5,
    14,
    6,
    2,
    0, //  bos 1 + 2 = 3 eos pad
    1,
    4,
    13,
    5,
    14,
    4,
    5,
    2, //  bos 1 + 2 = 1 2 eos
  ]);
  assert.equal(Array.from(batch.batch.targetMask), [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
});

test('row i and row P + i are the same pair; one epoch draws every pair once', () => {
  const data = makePairsData(6);
  const drawn = [0, 1].flatMap((step) => {
    const batch = draw(data, 3, { step });
    return batch.examples.map((example, i) => {
      const row = (r: number) =>
        Array.from(batch.batch.tokens.slice(r * batch.batch.length, (r + 1) * batch.batch.length));
      assert.equal(digits.decode(row(i)), `${example.prompt}${example.chosen}`);
      assert.equal(digits.decode(row(3 + i)), `${example.prompt}${example.rejected}`);
      return Number(example.chosen);
    });
  });
  assert.equal([...drawn].sort(), [0, 1, 2, 3, 4, 5]);
});

test('resume: the pairs at step N are the same whether steps 0..N-1 ran or not', () => {
  const data = makePairsData(7);
  const state = {};
  let continued: Pairs | undefined;
  for (let step = 0; step <= 5; step++) continued = draw(data, 3, { step, state });
  assert.equal(continued!.examples, draw(data, 3, { step: 5 }).examples);
});

test('a dataset of plain examples, without tokenizer, or empty is a clear error', async () => {
  const plain: Dataset = { ...makePairsData(2), get: () => ({ prompt: '1=', answer: '1' }) };
  await new NodeTester(pairs).run({
    invalid: [
      {
        name: 'plain examples (encodePairs names the dataset and example)',
        inputs: { data: plain },
        params: { size: 1 },
        error: /^the dataset "prefs", example 0: it has no string "chosen" field/,
      },
      {
        inputs: { data: { ...makePairsData(2), vocab: undefined } },
        messageId: 'noTokenizer',
        data: { dataset: 'prefs' },
      },
      { inputs: { data: makePairsData(0) }, messageId: 'emptyDataset', data: { dataset: 'prefs' } },
    ],
  });
});

test.run();
