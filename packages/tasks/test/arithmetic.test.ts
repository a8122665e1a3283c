import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Task } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { arithmeticSpace } from '../src/arithmetic.js';
import { arithmetic } from '../src/nodes/arithmetic.js';

function makeArithmetic(params: Record<string, unknown> = {}, ctx = testContext()): Task {
  return runNode<Task>(arithmetic, {}, params, ctx);
}

const promptsOf = (split: Task['train']) => Array.from({ length: split.size }, (_, index) => split.get(index).prompt);

test('problem numbers decode to operator, then first operand, then second', () => {
  const space = arithmeticSpace(2, '+-');
  assert.is(space.size, 100 * 100 * 2);
  assert.equal(space.problem(0), { prompt: '0+0=', answer: '0', a: 0, b: 0, op: '+' });
  // index = op + 2 * (a + 100 * b): a = 3, b = 45, op "-".
  assert.equal(space.problem(1 + 2 * (3 + 100 * 45)), { prompt: '3-45=', answer: '-42', a: 3, b: 45, op: '-' });
  assert.equal(space.problem(space.size - 2), { prompt: '99+99=', answer: '198', a: 99, b: 99, op: '+' });
  const products = arithmeticSpace(6, '*');
  assert.is(products.problem(products.size - 1).answer, '999998000001');
});

test('train and test are disjoint, and together cover the space when it is small', () => {
  const task = makeArithmetic({ digits: 1, ops: '+-*', train_size: 250, test_size: 50 });
  const train = promptsOf(task.train),
    test = promptsOf(task.test);
  assert.is(new Set(train).size, 250);
  assert.is(new Set(test).size, 50);
  assert.ok(test.every((prompt) => !train.includes(prompt)));
  assert.is(new Set([...train, ...test]).size, 300); // 10 * 10 * 3: every problem once
});

test('defaults: 2 digits of "+-" hold 20000 problems, so train is the 19500 outside test, silently', () => {
  const ctx = testContext();
  const task = makeArithmetic({}, ctx);
  assert.is(task.test.size, 500);
  assert.is(task.train.size, 19500);
  assert.equal(ctx.warnings, []);
  const test = new Set(promptsOf(task.test));
  assert.ok(promptsOf(task.train).every((prompt) => !test.has(prompt)));
});

test('reverse writes the answer least significant digit first, the sign in front', () => {
  const space = arithmeticSpace(2, '+-', { pad: true, reverse: true });
  const byPrompt = new Map(
    Array.from({ length: space.size }, (_, i) => space.problem(i)).map((p) => [p.prompt, p.answer]),
  );
  assert.is(byPrompt.get('12+34='), '64');
  assert.is(byPrompt.get('99+99='), '891');
  assert.is(byPrompt.get('12-52='), '-04');
  assert.is(byPrompt.get('07-05='), '2');
  assert.is(byPrompt.get('00-00='), '0');
});

test('a train_size larger than the problems outside test is capped, with a warning', () => {
  const ctx = testContext();
  const task = makeArithmetic({ train_size: 20000 }, ctx);
  assert.is(task.train.size, 19500);
  assert.is(ctx.warnings.length, 1);
  assert.match(ctx.warnings[0], /20000 distinct problems; train_size capped from 20000 to 19500/);
});

test('pad writes operands with leading zeros to the digit width; answers stay unpadded', () => {
  const padded = makeArithmetic({ digits: 2, pad: true, train_size: 50, test_size: 10 });
  const plain = makeArithmetic({ digits: 2, train_size: 50, test_size: 10 });
  for (let i = 0; i < 10; i++) {
    const p = padded.test.get(i) as unknown as { prompt: string; answer: string; a: number; b: number; op: string };
    const q = plain.test.get(i);
    assert.match(p.prompt, /^\d\d[+-]\d\d=$/);
    assert.is(p.prompt, `${String(p.a).padStart(2, '0')}${p.op}${String(p.b).padStart(2, '0')}=`);
    assert.is(p.answer, q.answer);
  }
});

test('answers are the true results, negative ones with a minus sign', () => {
  const task = makeArithmetic({ digits: 3, ops: '+-*', train_size: 300, test_size: 10 });
  let negatives = 0;
  for (const split of [task.train, task.test]) {
    for (let index = 0; index < split.size; index++) {
      const { prompt, answer } = split.get(index);
      const [, a, op, b] = /^(\d+)([+*-])(\d+)=$/.exec(prompt)!;
      const expected = op === '+' ? +a + +b : op === '-' ? +a - +b : +a * +b;
      assert.is(answer, String(expected), prompt);
      if (answer.startsWith('-')) negatives++;
    }
  }
  assert.ok(negatives > 0);
});

test('the task seed decides the problems; the recipe seed does not; test does not move with train_size', () => {
  const base = { digits: 3, train_size: 100, test_size: 20 };
  const a = makeArithmetic({ ...base, seed: 7 }, testContext({ seed: 1 }));
  const b = makeArithmetic({ ...base, seed: 7 }, testContext({ seed: 99 }));
  const c = makeArithmetic({ ...base, seed: 8 });
  const d = makeArithmetic({ ...base, seed: 7, train_size: 5000 });
  assert.equal(promptsOf(a.train), promptsOf(b.train));
  assert.equal(promptsOf(a.test), promptsOf(b.test));
  assert.not.equal(promptsOf(a.test), promptsOf(c.test));
  assert.equal(promptsOf(a.test), promptsOf(d.test));
});

test('operands range over 0..10^digits-1 and every operator appears', () => {
  const task = makeArithmetic({ digits: 2, ops: '+-*', train_size: 3000, test_size: 10 });
  const problems = Array.from({ length: 3000 }, (_, index) => task.train.get(index));
  assert.equal(new Set(problems.map((problem) => problem.op)), new Set(['+', '-', '*']));
  const operands = problems.flatMap((problem) => [problem.a as number, problem.b as number]);
  assert.is(Math.min(...operands), 0);
  assert.is(Math.max(...operands), 99);
});

test('vocab encodes every prompt and answer; splits carry vocab and verifier', () => {
  const task = makeArithmetic({ digits: 2, ops: '+-*', train_size: 200, test_size: 10 });
  const { vocab } = task;
  assert.is(vocab.vocabSize, 3 + 14); // pad, bos, eos + "0123456789+-*="
  assert.ok(vocab.bos !== undefined && vocab.eos !== undefined && vocab.pad !== undefined);
  for (let index = 0; index < task.train.size; index++) {
    const { prompt, answer } = task.train.get(index);
    assert.is(vocab.decode(vocab.encode(prompt + answer)), prompt + answer);
  }
  assert.is(task.train.vocab, vocab);
  assert.is(task.test.vocab, vocab);
  assert.is(task.test.verify, task.verify);
});

test('verify: exact match of the trimmed completion', () => {
  const task = makeArithmetic({ digits: 2, train_size: 10, test_size: 10 });
  const example = { prompt: '12+34=', answer: '46' };
  assert.ok(task.verify('46', example));
  assert.ok(task.verify(' 46\n', example));
  assert.not.ok(task.verify('47', example));
  assert.not.ok(task.verify('46=1', example));
  assert.not.ok(task.verify('', example));
  assert.ok(task.test.verify!('-3', { prompt: '1-4=', answer: '-3' }));
});

test('a test split as large as the problem space is a clear error', async () => {
  await new NodeTester(arithmetic).run({
    invalid: [
      {
        params: { digits: 1, ops: '+', test_size: 100 },
        messageId: 'noTrainingProblems',
        data: { test_size: 100, setting: 'digits: 1, ops: "+"', problems: 100 },
      },
      {
        params: { digits: 1, ops: '+-', pad: true, test_size: 250 },
        messageId: 'noTrainingProblems',
        data: { test_size: 250, setting: 'digits: 1, ops: "+-", pad: true', problems: 200 },
      },
    ],
  });
});

test('parameters: bounds and operator list are checked', () => {
  const ok = (params: Record<string, unknown>) => arithmetic.params.safeParse(params).success;
  assert.ok(ok({}));
  assert.ok(ok({ digits: 6, ops: '*-+' }));
  assert.not.ok(ok({ digits: 0 }));
  assert.not.ok(ok({ digits: 7 }));
  assert.not.ok(ok({ digits: 1.5 }));
  assert.not.ok(ok({ ops: '' }));
  assert.not.ok(ok({ ops: '+/' }));
  assert.not.ok(ok({ ops: '++' }));
  assert.not.ok(ok({ train_size: 0 }));
  assert.equal(arithmetic.params.parse({}), {
    digits: 2,
    ops: '+-',
    pad: false,
    reverse: false,
    seed: 0,
    test_size: 500,
  });
});

test('get() rejects an index outside the split', () => {
  const task = makeArithmetic({ digits: 2, train_size: 10, test_size: 5 });
  assert.throws(() => task.test.get(5), /outside 0\.\.4/);
});

test.run();
