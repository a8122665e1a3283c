import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SousError, formatSousError, type Task } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { preferences } from '../src/nodes/preferences.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-preferences-'));
const write = (name: string, rows: unknown[]) =>
  fs.writeFileSync(
    path.join(dir, name),
    rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n'),
  );
const load = (params: Record<string, unknown>) =>
  runNode<Task>(preferences, {}, params, testContext({ recipeDir: dir }));
const rows = (split: Task['train']) => Array.from({ length: split.size }, (_, index) => split.get(index));

test('reads prompt/chosen/rejected lines; answer is the chosen text; the vocabulary covers rejected text', () => {
  write('train.jsonl', [
    { prompt: 'Q1 ', chosen: 'yes', rejected: 'no!', id: 4 },
    '',
    { prompt: 'Q2 ', chosen: 'ok', rejected: 'zz' },
  ]);
  write('test.jsonl', [{ prompt: 'Q3 ', chosen: 'yes', rejected: 'no' }]);
  const prefs = load({ path: 'train.jsonl', test_path: 'test.jsonl' });
  assert.equal(rows(prefs.train), [
    { prompt: 'Q1 ', chosen: 'yes', rejected: 'no!', id: 4, answer: 'yes' },
    { prompt: 'Q2 ', chosen: 'ok', rejected: 'zz', answer: 'ok' },
  ]);
  assert.is(prefs.test.size, 1);
  assert.equal(prefs.vocab.decode(prefs.vocab.encode('zz!')), 'zz!');
  assert.ok(prefs.test.verify!(' yes ', prefs.test.get(0)));
});

test('without test_path, every pair of a held-out prompt goes to test: splits share no prompt', () => {
  const lines = Array.from({ length: 20 }, (_, prompt) =>
    [0, 1].map((k) => ({ prompt: `p${prompt}`, chosen: 'a', rejected: `b${k}` })),
  ).flat();
  write('many.jsonl', lines);
  const prefs = load({ path: 'many.jsonl', test_fraction: 0.25, seed: 2 });
  const testPrompts = new Set(rows(prefs.test).map((pair) => pair.prompt));
  assert.is(testPrompts.size, 5);
  assert.is(prefs.test.size, 10);
  assert.is(prefs.train.size, 30);
  assert.ok(rows(prefs.train).every((pair) => !testPrompts.has(pair.prompt)));
  assert.equal(rows(load({ path: 'many.jsonl', test_fraction: 0.25, seed: 2 }).test), rows(prefs.test));
});

test('a line without "rejected", or not a string, is an error naming file and line', () => {
  write('bad.jsonl', [
    { prompt: 'a', chosen: 'b', rejected: 'c' },
    { prompt: 'a', chosen: 'b' },
  ]);
  const message = (() => {
    try {
      load({ path: 'bad.jsonl' });
    } catch (error) {
      assert.instance(error, SousError);
      return formatSousError(error as SousError);
    }
    throw new Error('expected a SousError');
  })();
  assert.match(message, /bad\.jsonl:2: the object has no "rejected" field/);
  write('array.jsonl', ['[1]']);
  assert.throws(
    () => load({ path: 'array.jsonl' }),
    (error: unknown) =>
      error instanceof SousError &&
      /expected a JSON object with "prompt", "chosen" and "rejected", got an array/.test(error.message) &&
      error.line === 1,
  );
});

test('pairs whose texts are all empty leave no character to make a vocabulary of', async () => {
  write('blank-texts.jsonl', [{ prompt: '', chosen: '', rejected: '' }]);
  await new NodeTester(preferences).run({
    invalid: [{ params: { path: 'blank-texts.jsonl' }, context: { recipeDir: dir }, messageId: 'noCharacters' }],
  });
});

test.run();
