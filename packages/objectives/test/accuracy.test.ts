import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Dataset, type DecodeCache, type Example } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { accuracy } from '../src/nodes/accuracy.js';

// Test tokenizer: pad 0, bos 1, eos 2, then "0123456789+=" from id 3 ("2" → 5, "4" → 7, "=" → 14).
const chars = '0123456789+=';
const vocab = {
  vocabSize: 3 + chars.length,
  pad: 0,
  bos: 1,
  eos: 2,
  encode: (text: string) => Array.from(text, (char) => 3 + chars.indexOf(char)),
  decode: (ids: number[]) => ids.map((id) => (id < 3 ? `<${id}>` : chars[id - 3])).join(''), // specials visible
};
const id = (char: string) => 3 + chars.indexOf(char);

/** Records the [batch, time] of every decode call. */
class RecordingBigram extends BigramModel {
  readonly decodeCalls: number[][] = [];
  override decode(tokens: tf.Tensor2D, cache: DecodeCache): tf.Tensor3D {
    this.decodeCalls.push([...tokens.shape]);
    return super.decode(tokens, cache);
  }
}

/** Greedy continuation after "=" is "4", after "4" is "2", after "2" is `afterTwo`; other rows tie (→ pad). */
function answersFortyTwo(afterTwo: number, contextLength = 64): RecordingBigram {
  const table = Array.from({ length: vocab.vocabSize }, () => new Array<number>(vocab.vocabSize).fill(0));
  table[id('=')][id('4')] = 5;
  table[id('4')][id('2')] = 5;
  table[id('2')][afterTwo] = 5;
  return new RecordingBigram(table, { contextLength });
}

const examples: Example[] = [
  { prompt: '1+1=', answer: '2' },
  { prompt: '20+22=', answer: '42' },
  { prompt: '3+39=', answer: '42' },
  { prompt: '2+2=', answer: '4' },
  { prompt: '0+0=', answer: '0' },
];
const data: Dataset = {
  kind: 'dataset',
  name: 'sums',
  size: examples.length,
  vocab,
  get: (index) => examples[index],
  verify: (completion, example) => completion.trim() === example.answer,
};

const evaluate = (model: BigramModel, params: Record<string, unknown> = {}, dataset = data) =>
  runNode(accuracy, { policy: model, data: dataset }, params);

test.before(async () => {
  await tf.setBackend('cpu');
});

test('greedy completions stop at eos, which the verifier does not see: "42" answers 2 of 5', async () => {
  const model = answersFortyTwo(vocab.eos);
  assert.equal(await evaluate(model), { accuracy: 2 / 5 });
  model.dispose();
});

test('without eos the completion runs to max_new and is wrong; max_new 1 cuts it to "4"', async () => {
  const rambling = answersFortyTwo(id('2')); // "42222222"
  assert.equal(await evaluate(rambling), { accuracy: 0 });
  rambling.dispose();
  const stopping = answersFortyTwo(vocab.eos);
  assert.equal(await evaluate(stopping, { max_new: 1 }), { accuracy: 1 / 5 }); // only "2+2=" → "4"
  stopping.dispose();
});

test('prompts go through the KV cache in chunks of batch_size, one token a step after the first call', async () => {
  const model = answersFortyTwo(vocab.eos);
  await evaluate(model, { batch_size: 2 });
  const firstCalls = model.decodeCalls.filter(([, time]) => time > 1);
  assert.equal(
    firstCalls.map(([batch]) => batch),
    [2, 2, 1],
  ); // 5 prompts in chunks of 2
  assert.ok(
    model.decodeCalls.every(
      ([batch, time]) => batch <= 2 && (time === 1 || firstCalls.some((call) => call[1] === time)),
    ),
  );
  model.dispose();
});

test('limit evaluates the first examples only', async () => {
  const model = answersFortyTwo(vocab.eos);
  assert.equal(await evaluate(model, { limit: 2 }), { accuracy: 1 / 2 });
  assert.equal(await evaluate(model, { limit: 100 }), { accuracy: 2 / 5 });
  model.dispose();
});

test('leaves no tensor behind', async () => {
  const model = answersFortyTwo(vocab.eos);
  const before = tf.memory().numTensors;
  await evaluate(model);
  assert.is(tf.memory().numTensors, before);
  model.dispose();
});

test('no verifier, an empty dataset, too short a context and a non-language model are clear errors', async () => {
  const model = answersFortyTwo(vocab.eos);
  await new NodeTester(accuracy).run({
    valid: [
      {
        name: '7 + 57 fits exactly',
        inputs: { policy: model, data },
        params: { max_new: 57 },
        expect: { accuracy: 2 / 5 },
      },
    ],
    invalid: [
      {
        inputs: { policy: model, data: { ...data, verify: undefined } },
        messageId: 'noVerifier',
        data: { dataset: 'sums' },
      },
      { inputs: { policy: model, data: { ...data, vocab: undefined } }, messageId: 'noEos', data: { dataset: 'sums' } },
      { inputs: { policy: model, data: { ...data, size: 0 } }, messageId: 'emptyDataset', data: { dataset: 'sums' } },
      {
        inputs: { policy: model, data },
        params: { max_new: 58 },
        messageId: 'promptTooLong',
        data: { longest: 7, maxNew: 58, context: 64 },
      },
      { inputs: { policy: {}, data }, messageId: 'notLanguageModel', data: { port: 'policy' } },
    ],
  });
  model.dispose();
});

test.run();
