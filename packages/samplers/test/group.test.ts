import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf, type Grammar, type Prompts, type Rollouts } from '@sous/core';
import { BigramModel } from '@sous/core/testing';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { group } from '../src/nodes/group.js';
import { testTokenizer } from './tokenizer.js';

await tf.setBackend('cpu');

// Tokens: pad 0, bos 1, eos 2, "x" 3, "y" 4, ";" 5. After "x": "y" with 3/4, eos with 1/4.
// After "y": eos. After bos: "x".
const vocab = testTokenizer('xy;');
const LOW = -30;
const table = Array.from({ length: 6 }, () => new Array(6).fill(LOW));
table[1][3] = 0;
table[3][4] = Math.log(3);
table[3][2] = 0;
table[4][2] = 0;
table[0][2] = 0;
table[2][2] = 0;
table[5][2] = 0;

const promptsOf = (...texts: string[]): Prompts => ({
  kind: 'prompts',
  examples: texts.map((prompt) => ({ prompt, answer: 'y' })),
  vocab,
});
const params = (extra: Record<string, unknown> = {}) => group.params.parse({ group: 3, max_new: 4, ...extra });

test('G completions per prompt, laid out group-major with masks, lengths and texts', async () => {
  const model = new BigramModel(table);
  const before = tf.memory().numTensors;
  const out = await runNode<Promise<Rollouts>>(
    group,
    { policy: model, prompts: promptsOf('x', 'xx') },
    params(),
    testContext({ rng: new Rng('g') }),
  );
  assert.is(tf.memory().numTensors, before);
  assert.is(out.size, 6);
  assert.is(out.groupSize, 3);
  assert.equal(Array.from(out.group), [0, 0, 0, 1, 1, 1]);
  assert.equal(
    out.examples.map((e) => e.prompt),
    ['x', 'x', 'x', 'xx', 'xx', 'xx'],
  );
  assert.equal(Array.from(out.promptLength), [2, 2, 2, 3, 3, 3]);
  // Replay: each step, each unfinished row draws one uniform; after "x" a draw < 1/4 picks eos.
  const rng = new Rng('g');
  const completions: number[][] = [[], [], [], [], [], []];
  const done = new Array(6).fill(false);
  for (let position = 2; done.includes(false); position++) {
    completions.forEach((c, i) => {
      if (done[i] || position < out.promptLength[i]) return;
      const last = c.at(-1);
      // After a 4 the token is 2, but the draw is still taken so the stream stays in step.
      const draw = rng.uniform();
      const token = last === 4 ? 2 : draw < 0.25 ? 2 : 4;
      c.push(token);
      if (token === 2) done[i] = true;
    });
  }
  assert.equal(
    Array.from(out.completionLength),
    completions.map((c) => c.length),
  );
  completions.forEach((c, i) => {
    const row = Array.from(out.tokens.subarray(i * out.length, (i + 1) * out.length));
    const start = out.promptLength[i];
    assert.equal(row.slice(start, start + c.length), c);
    assert.ok(
      row.slice(start + c.length).every((t) => t === 0),
      'padding after the end',
    );
    const maskRow = Array.from(out.completionMask.subarray(i * out.length, (i + 1) * out.length));
    assert.equal(
      maskRow,
      row.map((_, t) => (t >= start && t < start + c.length ? 1 : 0)),
    );
    assert.is(out.texts[i], c[0] === 4 ? 'y' : '');
    // Recorded log-probs: of the distribution sampled from (here temperature 1, no cut).
    const logProb = out.sampleLogProbs[i * out.length + start];
    // Float32 log-softmax of values of order 1: a few roundings of at most u = 2⁻²⁴ each.
    assert.ok(Math.abs(logProb - Math.log(c[0] === 4 ? 0.75 : 0.25)) <= 4 * 2 ** -24 * 2, `${logProb}`);
  });
  assert.equal(Array.from(out.truncated), [0, 0, 0, 0, 0, 0]);
  assert.equal(Array.from(out.demonstrated), new Array(out.size * out.length).fill(0));
  assert.is(out.temperature, 1);
  assert.is(out.maxNew, 4);
  model.dispose();
});

test('temperature 0 is greedy; top-k 1 too, with log-prob 0 of its point mass', async () => {
  const model = new BigramModel(table);
  for (const extra of [{ temperature: 0 }, { top_k: 1 }]) {
    const out = await runNode<Promise<Rollouts>>(
      group,
      { policy: model, prompts: promptsOf('x') },
      params(extra),
      testContext(),
    );
    assert.equal(out.texts, ['y', 'y', 'y']);
    assert.ok(Math.abs(out.sampleLogProbs[2]) < 1e-6);
  }
  model.dispose();
});

test('a stop text ends the completion and leaves the text; max_new truncates', async () => {
  // After bos: "x"; after "x": ";" (a stop text) for sure.
  const stopTable = table.map((row) => row.slice());
  stopTable[3] = [LOW, LOW, LOW, LOW, LOW, 0];
  const model = new BigramModel(stopTable);
  const out = await runNode<Promise<Rollouts>>(
    group,
    { policy: model, prompts: promptsOf('x') },
    params({ group: 1, stop: [';'] }),
    testContext(),
  );
  assert.equal(out.texts, ['']);
  assert.equal(Array.from(out.completionLength), [1]);
  // After "x" always "x": never stops.
  const loopTable = table.map((row) => row.slice());
  loopTable[3] = [LOW, LOW, LOW, 0, LOW, LOW];
  const looping = await runNode<Promise<Rollouts>>(
    group,
    { policy: new BigramModel(loopTable), prompts: promptsOf('x') },
    params({ group: 1, max_new: 3 }),
    testContext(),
  );
  assert.equal(looping.texts, ['xxx']);
  assert.equal(Array.from(looping.truncated), [1]);
  model.dispose();
});

test("the tokenizer's grammar: only allowed tokens are drawn, grammar: false samples the whole vocabulary", async () => {
  // The grammar forbids eos (2) right after "x" (3), so every completion of "x" goes on with "y";
  // its state is the last token read.
  const grammar: Grammar<number> = {
    start: () => -1,
    advance: (_last, token) => token,
    allowed: (last) => Array.from({ length: 6 }, (_, t) => (last === 3 && t === 2 ? 0 : 1)),
  };
  const model = new BigramModel(table);
  const sample = (extra: Record<string, unknown>) =>
    runNode<Promise<Rollouts>>(
      group,
      { policy: model, prompts: { ...promptsOf('x'), vocab: { ...vocab, grammar } } },
      params({ group: 32, ...extra }),
      testContext({ rng: new Rng('grammar') }),
    );
  const masked = await sample({});
  assert.equal(masked.texts, new Array(32).fill('y'));
  // Under the mask "y" is the only token left after "x": log-prob 0.
  masked.texts.forEach((_, i) => assert.ok(Math.abs(masked.sampleLogProbs[i * masked.length + 2]) < 1e-6));
  const free = await sample({ grammar: false });
  const stopped = free.texts.filter((text) => text === '').length;
  assert.ok(stopped > 0 && stopped < 32, `${stopped} of 32 completions stopped right after "x" (expected about 8)`);
  model.dispose();
});

test('clear errors: not a language model, no tokenizer, too long for the context, untokenizable text', async () => {
  const model = new BigramModel(table, { contextLength: 4 });
  const bare: Prompts = { kind: 'prompts', examples: [{ prompt: 'x', answer: '' }] };
  await new NodeTester(group).run({
    invalid: [
      { inputs: { policy: { kind: 'model' }, prompts: promptsOf('x') }, messageId: 'notLanguageModel' },
      { inputs: { policy: model, prompts: bare }, messageId: 'noEos' },
      {
        inputs: { policy: model, prompts: promptsOf('xx') },
        params: { max_new: 2 },
        messageId: 'tooLong',
        data: { prompt: 3, max_new: 2, context: 4 },
      },
      {
        inputs: { policy: model, prompts: promptsOf('x', 'xz') },
        messageId: 'untokenizable',
        data: { what: 'prompt 1', text: '"xz"', reason: 'unknown character "z"' },
      },
      {
        inputs: { policy: model, prompts: promptsOf('x') },
        params: { stop: ['z'] },
        messageId: 'untokenizable',
        data: { what: 'the stop string', text: '"z"', reason: 'unknown character "z"' },
      },
    ],
  });
  model.dispose();
});

test.run();
