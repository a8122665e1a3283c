import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Dataset, Example } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { DONT_KNOW, facts } from '../src/nodes/facts.js';

type Facts = Record<'train' | 'retain_train' | 'forget' | 'retain' | 'holdout' | 'general', Dataset> & {
  vocab: { encode(text: string): number[] };
};

const all = (data: Dataset): Example[] => Array.from({ length: data.size }, (_, i) => data.get(i));
const people = (data: Dataset) => new Set(all(data).map((example) => example.person as string));

test('splits: sizes, people in exactly one of forget / holdout / retain, train = retain + forget + general', () => {
  const task = runNode<Facts>(facts, {}, { people: 12, forget_people: 2, holdout_people: 3, general_size: 5, seed: 3 });
  assert.is(task.forget.size, 2 * 3);
  assert.is(task.holdout.size, 3 * 3);
  assert.is(task.retain.size, 7 * 3);
  assert.is(task.general.size, 5);
  assert.is(task.train.size, 6 + 21 + 5);
  assert.is(task.retain_train.size, 21 + 5);
  const [forget, holdout, retain] = [people(task.forget), people(task.holdout), people(task.retain)];
  assert.is(forget.size + holdout.size + retain.size, 12);
  assert.is(new Set([...forget, ...holdout, ...retain]).size, 12);
  const trainPrompts = new Set(all(task.train).map((e) => e.prompt));
  assert.ok(
    all(task.forget).every((e) => trainPrompts.has(e.prompt)),
    'forget facts are trained',
  );
  assert.ok(
    all(task.holdout).every((e) => !trainPrompts.has(e.prompt)),
    'held-out facts are not',
  );
  const retrainPrompts = new Set(all(task.retain_train).map((e) => e.prompt));
  assert.ok(
    all(task.forget).every((e) => !retrainPrompts.has(e.prompt)),
    'the retrained model never sees forget facts',
  );
});

test('each fact: perturbed answers are wrong values of the same attribute; IDK pairs; one vocabulary', () => {
  const task = runNode<Facts>(facts, {}, { perturbed: 4, seed: 1 });
  for (const example of [...all(task.forget), ...all(task.retain)]) {
    const perturbed = example.perturbed as string[];
    assert.is(perturbed.length, 4);
    assert.is(new Set(perturbed).size, 4, 'distinct wrong answers');
    assert.not.ok(perturbed.includes(example.answer));
    assert.is(example.paraphrased, example.answer);
    assert.is(example.chosen, DONT_KNOW);
    assert.is(example.rejected, example.answer);
    assert.ok(example.prompt.endsWith(` ${example.attribute}?`));
  }
  for (const example of all(task.general)) {
    const [a, b] = example.prompt.slice(0, -1).split('+').map(Number);
    assert.is(Number(example.answer), a + b);
  }
  for (const text of [DONT_KNOW, ...all(task.train).map((e) => e.prompt + e.answer)]) task.vocab.encode(text);
});

test('seeded: the same seed gives the same facts, another seed other ones', () => {
  const texts = (seed: number) => all(runNode<Facts>(facts, {}, { seed }).train).map((e) => `${e.prompt}${e.answer}`);
  assert.equal(texts(5), texts(5));
  assert.not.equal(texts(5), texts(6));
});

test('NodeTester: too few people to split', async () => {
  await new NodeTester(facts).run({
    invalid: [
      { params: { people: 5, forget_people: 3, holdout_people: 2 }, messageId: 'tooFewPeople' },
      { params: { people: 2 }, error: /people/ },
    ],
  });
});

test.run();
