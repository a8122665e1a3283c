import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Dataset, type Example, type Metrics, type Tokenizer } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { preference_accuracy } from '../src/nodes/preference_accuracy.js';
import { policyTable, refTable } from './pairs-fixture.js';
import { assertClose, refLogProb } from './rollouts-fixture.js';

// pad 0, bos 1, eos 2, a 3, b 4: the pairs fixture's vocabulary as text.
const tokenizer: Tokenizer = {
  vocabSize: 5,
  pad: 0,
  bos: 1,
  eos: 2,
  encode: (text) => Array.from(text, (char) => 3 + 'ab'.indexOf(char)),
  decode: (ids) =>
    ids
      .filter((id) => id >= 3)
      .map((id) => 'ab'[id - 3])
      .join(''),
};
const examples: Example[] = [
  { prompt: 'a', answer: 'a', chosen: 'a', rejected: 'b' },
  { prompt: 'a', answer: 'ba', chosen: 'ba', rejected: 'a' },
  { prompt: 'b', answer: 'aa', chosen: 'aa', rejected: 'bba' },
  { prompt: 'ab', answer: 'b', chosen: 'b', rejected: 'bb' },
];
const data: Dataset = {
  kind: 'dataset',
  name: 'prefs',
  size: examples.length,
  vocab: tokenizer,
  get: (index) => examples[index],
};

/** ℓ(answer | prompt) under a bigram table, float64: bos + prompt + answer + eos, answer and eos scored. */
function answerLogProb(table: number[][], prompt: string, answer: string): number {
  const context = [1, ...tokenizer.encode(prompt)];
  const targets = [...tokenizer.encode(answer), 2];
  return targets.reduce(
    (sum, token, t) => sum + refLogProb(table, t === 0 ? context.at(-1)! : targets[t - 1], token),
    0,
  );
}

function expected(beta: number, count = examples.length): Metrics {
  const scored = examples.slice(0, count).map(({ prompt, chosen, rejected }) => {
    const ratio = (answer: string) =>
      answerLogProb(policyTable, prompt, answer) - answerLogProb(refTable, prompt, answer);
    return {
      u: ratio(chosen as string) - ratio(rejected as string),
      own:
        answerLogProb(policyTable, prompt, chosen as string) - answerLogProb(policyTable, prompt, rejected as string),
    };
  });
  return {
    preference_accuracy: scored.filter(({ u }) => u > 0).length / count,
    reward_margin: (beta * scored.reduce((sum, { u }) => sum + u, 0)) / count,
    likelihood_accuracy: scored.filter(({ own }) => own > 0).length / count,
  };
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('implicit-reward accuracy, margin and likelihood accuracy against a float64 computation, in any batch size', () => {
  const policy = new BigramModel(policyTable);
  const ref = new BigramModel(refTable, { trainable: false });
  const want = expected(0.5);
  assert.ok(want.preference_accuracy > 0 && want.preference_accuracy < 1, 'the fixture mixes preferred and not');
  assert.ok(want.likelihood_accuracy !== want.preference_accuracy, 'the two accuracies differ on the fixture');
  for (const batch_size of [1, 3, 128]) {
    const got = runNode<Metrics>(preference_accuracy, { policy, ref, data }, { beta: 0.5, batch_size });
    assert.is(got.preference_accuracy, want.preference_accuracy, `batch ${batch_size}`);
    assert.is(got.likelihood_accuracy, want.likelihood_accuracy, `batch ${batch_size}`);
    assertClose(got.reward_margin, want.reward_margin, 1e-5, `batch ${batch_size}`);
  }
  const limited = runNode<Metrics>(preference_accuracy, { policy, ref, data }, { beta: 0.5, limit: 2 });
  assert.is(limited.preference_accuracy, expected(0.5, 2).preference_accuracy);
  policy.dispose();
  ref.dispose();
});

test('a policy against itself: every margin ties, so preference accuracy 0 and margin 0', () => {
  const policy = new BigramModel(policyTable);
  const before = tf.memory().numTensors;
  const got = runNode<Metrics>(preference_accuracy, { policy, ref: policy, data }, {});
  assert.equal(
    { ...got, likelihood_accuracy: 0 },
    { preference_accuracy: 0, reward_margin: 0, likelihood_accuracy: 0 },
  );
  assert.is(got.likelihood_accuracy, expected(0.1).likelihood_accuracy);
  assert.is(tf.memory().numTensors, before, 'no tensor left behind');
  policy.dispose();
});

test('an empty dataset, one without a tokenizer or one that is not pairs is a clear error', async () => {
  const policy = new BigramModel(policyTable);
  const plain: Dataset = { ...data, get: () => ({ prompt: 'a', answer: 'b' }) };
  await new NodeTester(preference_accuracy).run({
    invalid: [
      {
        inputs: { policy, ref: policy, data: { ...data, size: 0 } },
        messageId: 'emptyDataset',
        data: { dataset: 'prefs' },
      },
      {
        inputs: { policy, ref: policy, data: { ...data, vocab: undefined } },
        messageId: 'noTokenizer',
        data: { dataset: 'prefs' },
      },
      { inputs: { policy, ref: {}, data }, messageId: 'notLanguageModel', data: { port: 'ref' } },
      // Pairs are checked by the kit's encodePairs, which names the data and the example.
      {
        inputs: { policy, ref: policy, data: plain },
        error: /^dataset prefs, example 0: it has no string "chosen" field/,
      },
    ],
  });
  policy.dispose();
});

test.run();
