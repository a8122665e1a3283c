import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf, type Dataset, type Example, type Metrics } from '@sous/core';
import { BigramModel, NodeTester, runNode, testContext } from '@sous/core/testing';
import { pass_at_k } from '../src/nodes/pass_at_k.js';
import { passAtK } from '../src/lib/pass-at-k.js';
import { assertClose } from './rollouts-fixture.js';

await tf.setBackend('cpu');

// Tokens: pad 0, bos 1, eos 2, "0" 3, "1" 4. After "0": eos or "1", even odds; after "1": eos.
const chars = '01';
const vocab = {
  vocabSize: 5,
  pad: 0,
  bos: 1,
  eos: 2,
  encode: (text: string) => Array.from(text, (c) => 3 + chars.indexOf(c)),
  decode: (ids: number[]) =>
    ids
      .filter((id) => id >= 3)
      .map((id) => chars[id - 3])
      .join(''),
};
const LOW = -30;
const table = Array.from({ length: 5 }, () => new Array(5).fill(LOW));
table[3][2] = 0;
table[3][4] = 0;
table[4][2] = 10;
table[1][3] = 0;
table[0][2] = 0;
table[2][2] = 0;

// Prompt "0" is answered "1" half the time; prompt "1" is always answered "" (correct).
const examples: Example[] = [
  { prompt: '0', answer: '1' },
  { prompt: '1', answer: '' },
];
const data: Dataset = {
  kind: 'dataset',
  name: 'toy.test',
  size: 2,
  vocab,
  get: (i) => examples[i],
  verify: (completion, example) => completion === example.answer,
};

test('pass@k and mean@n from seeded samples, replayed by hand', async () => {
  const model = new BigramModel(table);
  const metrics = await runNode<Promise<Metrics>>(
    pass_at_k,
    { policy: model, data },
    { k: [1, 2, 4] },
    testContext({ rng: new Rng('eval') }),
  );
  // The first step draws one uniform per row in order: rows 0-3 are prompt "0"'s samples.
  const rng = new Rng('eval');
  const c0 = [0, 1, 2, 3].filter(() => rng.uniform() >= 0.5).length;
  assert.ok(c0 > 0 && c0 < 4, `the seed gives a mixed count (${c0})`);
  for (const k of [1, 2, 4]) assertClose(metrics[`pass@${k}`], (passAtK(4, c0, k) + 1) / 2, 1e-12, `pass@${k}`);
  assertClose(metrics['mean@4'], (c0 / 4 + 1) / 2, 1e-12, 'mean@4');
  assert.equal(Object.keys(metrics).sort(), ['mean@4', 'pass@1', 'pass@2', 'pass@4']);
  model.dispose();
});

test('k above n, a dataset without a verifier or eos, no examples, a long prompt, a non-model: clear errors', async () => {
  const model = new BigramModel(table);
  await new NodeTester(pass_at_k).run({
    invalid: [
      { inputs: { policy: model, data }, params: { k: [1, 8], n: 4 }, messageId: 'kAboveN', data: { n: 4, k: '1, 8' } },
      {
        inputs: { policy: model, data: { ...data, verify: undefined } },
        messageId: 'noVerifier',
        data: { dataset: 'toy.test' },
      },
      {
        inputs: { policy: model, data: { ...data, vocab: undefined } },
        messageId: 'noEos',
        data: { dataset: 'toy.test' },
      },
      {
        inputs: { policy: model, data: { ...data, size: 0 } },
        messageId: 'emptyDataset',
        data: { dataset: 'toy.test' },
      },
      {
        inputs: { policy: model, data },
        params: { max_new: 63 },
        messageId: 'promptTooLong',
        data: { longest: 2, maxNew: 63, context: 64 },
      },
      { inputs: { policy: {}, data }, messageId: 'notLanguageModel', data: { port: 'policy' } },
    ],
  });
  model.dispose();
});

test.run();
