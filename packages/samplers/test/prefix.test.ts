import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Prompts, type Rollouts } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { prefix, prefixRatio } from '../src/nodes/prefix.js';
import { testTokenizer } from './tokenizer.js';

await tf.setBackend('cpu');

// Tokens: pad 0, bos 1, eos 2, "a" 3, "b" 4. The policy always says "a" then eos.
const vocab = testTokenizer('ab');
const LOW = -30;
const table = Array.from({ length: 5 }, () => new Array(5).fill(LOW));
table[1][3] = 0;
table[3][2] = 0;
table[4][2] = 0;
table[0][2] = 0;
table[2][2] = 0;
const prompts: Prompts = { kind: 'prompts', examples: [{ prompt: 'a', answer: 'bbbb' }], vocab };

test('the prefix share follows a cosine from ratio_start to ratio_end', () => {
  const p = { ratio_start: 0.95, ratio_end: 0.05, decay_steps: 100 };
  assert.ok(Math.abs(prefixRatio(0, p) - 0.95) < 1e-12);
  assert.ok(Math.abs(prefixRatio(50, p) - 0.5) < 1e-12);
  assert.ok(Math.abs(prefixRatio(25, p) - (0.05 + (0.9 * (1 + Math.SQRT1_2)) / 2)) < 1e-12);
  assert.ok(Math.abs(prefixRatio(100, p) - 0.05) < 1e-12);
  assert.ok(Math.abs(prefixRatio(500, p) - 0.05) < 1e-12);
});

test('the first `prefixed` members continue ⌊ρ·|d|⌋ demonstration tokens, marked as demonstrated', async () => {
  const model = new BigramModel(table);
  // Step 50: ρ = 0.5; d = "bbbb" + eos (5 tokens) → 2 forced "b"s, then the policy (after "b": eos);
  // the third member is the policy alone (after the prompt's "a": eos).
  const params = prefix.params.parse({ group: 3, prefixed: 2, max_new: 6, temperature: 0, decay_steps: 100 });
  const out = await runNode<Promise<Rollouts>>(prefix, { policy: model, prompts }, params, testContext({ step: 50 }));
  assert.equal(out.texts, ['bb', 'bb', '']);
  const rows = [0, 1, 2].map((i) => Array.from(out.demonstrated.subarray(i * out.length, (i + 1) * out.length)));
  assert.equal(rows, [
    [0, 0, 1, 1, 0],
    [0, 0, 1, 1, 0],
    [0, 0, 0, 0, 0],
  ]);
  // Demonstrated tokens carry the policy's own log-prob: after "a" the policy gives "b" e^−30 / (1 + 4e^−30).
  // A float32 log-softmax: a few rounded operations on values near 30, each off by at most u·30 (u = 2⁻²⁴).
  const expected = -30 - Math.log(1 + 4 * Math.exp(-30));
  assert.ok(Math.abs(out.sampleLogProbs[2] - expected) <= 4 * 2 ** -24 * 30, `${out.sampleLogProbs[2]} vs ${expected}`);
  model.dispose();
});

test('prefixed above group, an example without the field or an untokenizable demonstration: clear errors', async () => {
  const model = new BigramModel(table);
  const withDemonstration = (answer: string): Prompts => ({ ...prompts, examples: [{ prompt: 'a', answer }] });
  await new NodeTester(prefix).run({
    invalid: [
      {
        inputs: { policy: model, prompts },
        params: { group: 2, prefixed: 3 },
        messageId: 'prefixedAboveGroup',
        data: { prefixed: 3, group: 2 },
      },
      {
        inputs: { policy: model, prompts },
        params: { group: 2, field: 'trace' },
        messageId: 'noDemonstration',
        data: { field: 'trace' },
      },
      {
        inputs: { policy: model, prompts: withDemonstration('bc') },
        params: { group: 2 },
        messageId: 'untokenizable',
        data: { what: 'the demonstration', text: '"bc"', reason: 'unknown character "c"' },
      },
    ],
  });
  model.dispose();
});

test.run();
