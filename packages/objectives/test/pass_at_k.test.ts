import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf, type Dataset, type Example, type Metrics } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { runNode, testContext } from '@sous/core/testing';
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

test('k above n, a dataset without a verifier: clear errors', async () => {
  const model = new BigramModel(table);
  try {
    await runNode<Promise<Metrics>>(pass_at_k, { policy: model, data }, { k: [1, 8], n: 4 }, testContext());
    assert.unreachable();
  } catch (error) {
    assert.match(String(error), /every k must be at most n = 4/);
  }
  try {
    await runNode<Promise<Metrics>>(
      pass_at_k,
      { policy: model, data: { ...data, verify: undefined } },
      {},
      testContext(),
    );
    assert.unreachable();
  } catch (error) {
    assert.match(String(error), /toy.test.*has no verifier/);
  }
  model.dispose();
});

test.run();
