import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeBatch, type Batch, type Dataset, type Example, type Tokenizer } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { dataset } from '../src/nodes/dataset.js';
import { testTokenizer } from './tokenizer.js';

const digits = testTokenizer('0123456789+=-'); // '0' → 3, ..., '9' → 12, '+' → 13, '=' → 14

function makeDataset(size: number, vocab: Tokenizer | null = digits): Dataset {
  const examples: Example[] = Array.from({ length: size }, (_, index) => ({
    prompt: `${index}+0=`,
    answer: `${index}`,
  }));
  return { kind: 'dataset', name: 'numbers', size, vocab: vocab ?? undefined, get: (index) => examples[index] };
}

const draw = (data: Dataset, size: number, overrides = {}): Batch =>
  runNode<Batch>(dataset, { data }, { size }, testContext(overrides));
const answersOf = (batch: Batch) => batch.examples.map((example) => Number(example.answer));

test('rows are bos + prompt + answer + eos, right-padded; targetMask marks answer and eos', () => {
  const batch = encodeBatch(
    [
      { prompt: '1+2=', answer: '3' },
      { prompt: '10+5=', answer: '15' },
    ],
    digits,
    'test',
  );
  assert.is(batch.size, 2);
  assert.is(batch.length, 9);
  assert.equal(Array.from(batch.tokens), [
    1,
    4,
    13,
    5,
    14,
    6,
    2,
    0,
    0, //   bos 1 + 2 = 3 eos pad pad
    1,
    4,
    3,
    13,
    8,
    14,
    4,
    8,
    2, //   bos 1 0 + 5 = 1 5 eos
  ]);
  assert.equal(Array.from(batch.targetMask), [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
});

test('a tokenizer without bos starts at the prompt; without pad it pads with eos', () => {
  const batch = encodeBatch(
    [
      { prompt: '1=', answer: '22' },
      { prompt: '1=', answer: '' },
    ],
    testTokenizer('0123456789+=', { eos: 2 }),
    'test',
  );
  assert.equal(Array.from(batch.tokens), [4, 14, 5, 5, 2, 4, 14, 2, 2, 2]);
  assert.equal(Array.from(batch.targetMask), [0, 0, 1, 1, 1, 0, 0, 1, 0, 0]);
});

test('one epoch draws every example once; the next epoch reshuffles', () => {
  const data = makeDataset(10);
  const steps = [0, 1, 2, 3].map((step) => answersOf(draw(data, 5, { step })));
  const epoch0 = [...steps[0], ...steps[1]],
    epoch1 = [...steps[2], ...steps[3]];
  assert.equal(
    [...epoch0].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.equal(
    [...epoch1].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.not.equal(epoch0, epoch1);
  assert.not.equal(epoch0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('resume: the batch at step N is the same whether steps 0..N-1 ran or not', () => {
  const data = makeDataset(7);
  const state = {};
  let continued: number[] = [];
  for (let step = 0; step <= 9; step++) continued = answersOf(draw(data, 3, { step, state })); // spans epochs
  assert.equal(continued, answersOf(draw(data, 3, { step: 9 })));
});

test('the order depends on recipe seed, stage and node, and is reproducible', () => {
  const data = makeDataset(50);
  const order = (overrides: object) => answersOf(draw(data, 50, overrides));
  assert.equal(order({ seed: 1 }), order({ seed: 1 }));
  assert.not.equal(order({ seed: 1 }), order({ seed: 2 }));
  assert.not.equal(order({ nodeId: 'a' }), order({ nodeId: 'b' }));
  assert.not.equal(order({ stage: 'sft' }), order({ stage: 'grpo' }));
});

test('a batch larger than the dataset runs through several epochs, each complete', () => {
  const answers = answersOf(draw(makeDataset(3), 7));
  const counts = [0, 1, 2].map((value) => answers.filter((answer) => answer === value).length);
  assert.equal(counts.sort(), [2, 2, 3]);
  assert.equal([...answers.slice(0, 3)].sort(), [0, 1, 2]);
  assert.equal([...answers.slice(3, 6)].sort(), [0, 1, 2]);
});

test('a dataset without tokenizer, an empty one and untokenizable text are clear errors', async () => {
  const letters: Dataset = { ...makeDataset(1), get: () => ({ prompt: 'x=', answer: '1' }) };
  await new NodeTester(dataset).run({
    invalid: [
      { inputs: { data: makeDataset(3, null) }, messageId: 'noTokenizer', data: { dataset: 'numbers' } },
      { inputs: { data: makeDataset(0) }, messageId: 'emptyDataset', data: { dataset: 'numbers' } },
      {
        name: 'untokenizable text (encodeBatch names the dataset and example)',
        inputs: { data: letters },
        params: { size: 1 },
        error: /^the dataset "numbers", example 0 \(prompt\): cannot tokenize "x=": unknown character "x"/,
      },
    ],
  });
  assert.throws(
    () => encodeBatch([{ prompt: '1', answer: '1' }], testTokenizer('1', { pad: 0 }), 'test'),
    /no eos token/,
  );
});

test('size is an integer of at least 1', () => {
  assert.is(dataset.params.parse({}).size, 32);
  assert.not.ok(dataset.params.safeParse({ size: 0 }).success);
  assert.not.ok(dataset.params.safeParse({ size: 2.5 }).success);
});

test.run();
