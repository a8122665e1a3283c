import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BigramModel } from '../src/bigram-model.js';
import { generate, type GenerateOptions } from '../src/generate.js';
import type { DecodeCache, Grammar } from '../src/model.js';
import { Rng } from '../src/rng.js';
import { tf } from '../src/tf.js';

await tf.setBackend('cpu');

// Tokens: 0 pad, 1 bos, 2 eos, 3 a, 4 b, 5 c. Greedy path: bos → a → b → c → eos.
const LOW = -30;
function chainTable(): number[][] {
  const next: Record<number, number> = { 0: 2, 1: 3, 2: 2, 3: 4, 4: 5, 5: 2 };
  return Array.from({ length: 6 }, (_, from) => Array.from({ length: 6 }, (_, to) => (to === next[from] ? 10 : LOW)));
}

const greedy = (extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  temperature: 0,
  topK: 0,
  topP: 1,
  maxNew: 8,
  stop: [[2]],
  pad: 0,
  rng: new Rng('test'),
  ...extra,
});

test('greedy lock-step decoding of prompts of different lengths', async () => {
  const model = new BigramModel(chainTable());
  const before = tf.memory().numTensors;
  const out = await generate(model, [{ prompt: [1, 4] }, { prompt: [1] }], greedy());
  assert.is(tf.memory().numTensors, before);
  assert.is(out.length, 5);
  assert.equal(Array.from(out.tokens), [1, 4, 5, 2, 0, /* row 1 */ 1, 3, 4, 5, 2]);
  assert.equal(Array.from(out.promptLength), [2, 1]);
  assert.equal(out.completions, [
    [5, 2],
    [3, 4, 5, 2],
  ]);
  assert.equal(Array.from(out.truncated), [0, 0]);
  // A greedy pick is drawn from a point mass: log-prob 0.
  assert.equal(Array.from(out.logProbs), new Array(10).fill(0));
  model.dispose();
});

test('the budget truncates; a multi-token stop sequence ends a completion', async () => {
  const model = new BigramModel(chainTable());
  const short = await generate(model, [{ prompt: [1] }], greedy({ maxNew: 2 }));
  assert.equal(short.completions, [[3, 4]]);
  assert.equal(Array.from(short.truncated), [1]);
  const stopped = await generate(model, [{ prompt: [1] }], greedy({ stop: [[2], [4, 5]] }));
  assert.equal(stopped.completions, [[3, 4, 5]]);
  assert.equal(Array.from(stopped.truncated), [0]);
  model.dispose();
});

test('forced tokens start the completion and record the tempered log-prob', async () => {
  const model = new BigramModel(chainTable());
  const out = await generate(model, [{ prompt: [1], forced: [4] }], greedy({ temperature: 0 }));
  assert.equal(out.completions, [[4, 5, 2]]);
  assert.equal(Array.from(out.forcedMask), [0, 1, 0, 0]);
  // From bos the table gives 10 to token 3 and −30 to the rest: log p(4) = −40 − log(e^0 + 5e^−40).
  const expected = -40 - Math.log(1 + 5 * Math.exp(-40));
  assert.ok(Math.abs(out.logProbs[1] - expected) < 1e-3, String(out.logProbs[1]));
  model.dispose();
});

test('sampling draws one seeded uniform per token and records its log-prob', async () => {
  // From a: eos with 1/4, a with 3/4 (other tokens negligible); from eos: eos.
  const table = Array.from({ length: 6 }, () => new Array(6).fill(LOW));
  table[3][2] = Math.log(1);
  table[3][3] = Math.log(3);
  table[1][3] = 0;
  const model = new BigramModel(table);
  const out = await generate(model, [{ prompt: [3] }, { prompt: [3] }, { prompt: [3] }], {
    temperature: 1,
    topK: 0,
    topP: 1,
    maxNew: 6,
    stop: [[2]],
    pad: 0,
    rng: new Rng('draws'),
  });
  // Replay the draws by hand: each step, each unfinished row in order takes one uniform.
  const rng = new Rng('draws');
  const expected: number[][] = [[], [], []];
  const done = [false, false, false];
  while (done.some((d) => !d)) {
    expected.forEach((completion, i) => {
      if (done[i]) return;
      const token = rng.uniform() < 0.25 ? 2 : 3;
      completion.push(token);
      if (token === 2 || completion.length === 6) done[i] = true;
    });
  }
  assert.equal(out.completions, expected);
  out.completions.forEach((completion, i) =>
    completion.forEach((token, step) => {
      const logProb = out.logProbs[i * out.length + 1 + step];
      assert.ok(Math.abs(logProb - Math.log(token === 2 ? 0.25 : 0.75)) < 1e-5);
    }),
  );
  model.dispose();
});

test('one cache for prompt + budget positions, never overfilled; one host read per decode step', async () => {
  const made: number[][] = [];
  let decodes = 0,
    longest = 0;
  class Recording extends BigramModel {
    // (batch, capacity): what generate asks of the cache.
    override newCache(...args: number[]) {
      made.push(args);
      return super.newCache();
    }
    override decode(tokens: tf.Tensor2D, cache: DecodeCache) {
      decodes++;
      const logits = super.decode(tokens, cache);
      longest = Math.max(longest, cache.length);
      return logits;
    }
  }
  const model = new Recording(chainTable());
  // Every way to bring a tensor's values to the host, counted while generating.
  const reads = ['data', 'dataSync', 'array', 'arraySync'] as const;
  const originals = reads.map((name) => tf.Tensor.prototype[name]);
  let hostReads = 0;
  reads.forEach((name, i) => {
    tf.Tensor.prototype[name] = function (this: tf.Tensor, ...args: never[]) {
      hostReads++;
      return (originals[i] as (...a: never[]) => unknown).apply(this, args);
    } as never;
  });
  try {
    // Row 0 ends at its budget (3 new tokens after a 3-token prompt): the longest the cache gets.
    await generate(model, [{ prompt: [1, 3, 4] }, { prompt: [1] }], greedy({ maxNew: 3, stop: [[0]] }));
  } finally {
    reads.forEach((name, i) => {
      tf.Tensor.prototype[name] = originals[i] as never;
    });
  }
  assert.equal(made, [[2, 6]]);
  assert.ok(longest <= 6, `the cache reached ${longest} positions`);
  assert.is(longest, 5, 'the last token drawn is never fed');
  assert.is(hostReads, decodes);
  model.dispose();
});

test('a prompt plus budget beyond the context is refused', async () => {
  const model = new BigramModel(chainTable(), { contextLength: 4 });
  try {
    await generate(model, [{ prompt: [1, 3, 4] }], greedy({ maxNew: 2 }));
    assert.unreachable();
  } catch (error) {
    assert.match(String(error), /exceeds the model's context of 4/);
  }
  model.dispose();
});

test('a grammar: its state advances per row over prompt and completion, refused tokens are never drawn', async () => {
  const model = new BigramModel(chainTable());
  // State: the last token and how many tokens were read. Forbid b (4) after a (3): the five tokens
  // left all have logit LOW, so greedy takes the first (pad 0), and sampling draws each with
  // probability 1/5; a grammar allowing nothing is refused.
  const asked: number[] = [];
  const grammar: Grammar<{ last: number; read: number }> = {
    start: () => ({ last: -1, read: 0 }),
    advance: (state, token) => ({ last: token, read: state.read + 1 }),
    allowed: (state) => {
      asked.push(state.read);
      return Array.from({ length: 6 }, (_, t) => (state.last === 3 && t === 4 ? 0 : 1));
    },
  };
  const out = await generate(model, [{ prompt: [1] }], greedy({ grammar }));
  assert.equal(out.completions, [[3, 0, 2]]);
  assert.equal(asked, [1, 2, 3], 'one call per drawn token, the state read the prompt and every token drawn');
  const sampled = await generate(model, [{ prompt: [1, 3] }], greedy({ temperature: 1, grammar }));
  assert.ok(sampled.completions[0][0] !== 4);
  assert.ok(Math.abs(sampled.logProbs[2] - Math.log(1 / 5)) < 1e-6);
  const refused = await generate(
    model,
    [{ prompt: [1] }],
    greedy({ grammar: { ...grammar, allowed: () => new Uint8Array(6) } }),
  ).then(
    () => 'drawn',
    (error: Error) => error.message,
  );
  assert.match(refused, /allows no token/);
});

test.run();
