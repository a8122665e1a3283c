import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Task } from '@sous/core';
import { runNode, sousErrorOf } from '@sous/core/testing';
import { arithmetic } from '../src/nodes/arithmetic.js';
import { preference_pairs } from '../src/nodes/preference_pairs.js';
import { arraySplit, makeTask } from '../src/task.js';
import { digitSlips } from '../src/wrong-answers.js';
import { exactMatch } from '../src/exact-match.js';

const task = runNode<Task>(arithmetic, {}, { digits: 2, ops: '+', seed: 7, test_size: 50, train_size: 200 });
const pairsOf = (source: Task, params: Record<string, unknown>) =>
  runNode<Task>(preference_pairs, { task: source }, params);
const rows = (split: Task['train']) => Array.from({ length: split.size }, (_, index) => split.get(index));

test('digit slips: one digit off by one, no leading zero, no "-0", by hand', () => {
  assert.equal(digitSlips('46').sort(), ['36', '45', '47', '56']);
  assert.equal(digitSlips('10').sort(), ['11', '19', '20']);
  assert.equal(digitSlips('0').sort(), ['1', '9']);
  assert.equal(digitSlips('-1'), ['-2']);
  assert.equal(digitSlips('abc'), []);
});

test('per problem: per_prompt pairs with the reference answer chosen and distinct wrong answers rejected', () => {
  const prefs = pairsOf(task, { per_prompt: 3, seed: 1 });
  assert.is(prefs.train.size, 3 * task.train.size);
  assert.is(prefs.test.size, 3 * task.test.size);
  for (const [pairs, problems] of [
    [prefs.train, task.train],
    [prefs.test, task.test],
  ] as const) {
    for (let problem = 0; problem < problems.size; problem++) {
      const own = [0, 1, 2].map((k) => pairs.get(3 * problem + k));
      const source = problems.get(problem);
      for (const pair of own) {
        assert.is(pair.prompt, source.prompt);
        assert.is(pair.chosen, source.answer);
        assert.is(pair.answer, source.answer);
        assert.not.ok(task.verify(pair.rejected as string, source), `${pair.prompt}${pair.rejected} must be wrong`);
      }
      assert.is(new Set(own.map((pair) => pair.rejected)).size, 3);
    }
  }
  // Digit slips come first: a problem with s slips gets min(s, 3) of them, other problems' answers after
  // (two-digit sums of two-digit numbers have at least 3 slips, so here every rejected answer is a slip).
  const slipped = rows(prefs.train).filter((pair) =>
    digitSlips(pair.chosen as string).includes(pair.rejected as string),
  ).length;
  assert.is(
    slipped,
    rows(task.train).reduce((sum, problem) => sum + Math.min(digitSlips(problem.answer as string).length, 3), 0),
  );
});

test('train and test pairs share no prompt; pairs are fixed by seed alone, in any order of access', () => {
  const prefs = pairsOf(task, { per_prompt: 2, seed: 3 });
  const trainPrompts = new Set(rows(prefs.train).map((pair) => pair.prompt));
  assert.ok(rows(prefs.test).every((pair) => !trainPrompts.has(pair.prompt)));
  const again = pairsOf(task, { per_prompt: 2, seed: 3 });
  assert.equal(again.test.get(7), prefs.test.get(7));
  const backwards = Array.from({ length: again.test.size }, (_, i) => again.test.get(again.test.size - 1 - i));
  assert.equal(backwards.reverse(), rows(prefs.test));
  const other = pairsOf(task, { per_prompt: 2, seed: 4 });
  assert.not.equal(
    rows(other.train).map((pair) => pair.rejected),
    rows(prefs.train).map((pair) => pair.rejected),
  );
  assert.is(prefs.vocab, task.vocab);
  assert.is(prefs.test.verify, task.verify);
});

test("a non-integer answer takes other problems' answers; too few of them is a clear error", () => {
  const words = makeTask('words', {
    train: arraySplit([
      { prompt: 'x', answer: 'cat' },
      { prompt: 'y', answer: 'dog' },
      { prompt: 'z', answer: 'emu' },
    ]),
    test: arraySplit([
      { prompt: 'w', answer: 'cat' },
      { prompt: 'v', answer: 'owl' },
    ]),
    vocab: task.vocab,
    verify: exactMatch,
  });
  const prefs = pairsOf(words, { per_prompt: 2 });
  assert.equal(new Set([prefs.train.get(0).rejected, prefs.train.get(1).rejected]), new Set(['dog', 'emu']));
  // Pairs are made when read, so the error comes from `get`, not from running the node.
  const tooFew = sousErrorOf(() => pairsOf(words, { per_prompt: 3 }).train.get(0));
  assert.is(tooFew.messageId, 'tooFewWrongAnswers');
  assert.equal(tooFew.data, { prompt: '"x"', dataset: 'words.train', found: 2, per_prompt: 3 });
});

test.run();
