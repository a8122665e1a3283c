import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SousError, formatSousError, type Task } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { jsonl } from '../src/nodes/jsonl.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-jsonl-'));
const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
const load = (params: Record<string, unknown>) => runNode<Task>(jsonl, {}, params, testContext({ recipeDir: dir }));
const lines = (...rows: unknown[]) =>
  rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');

/** The SousError `load(params)` throws, formatted as the CLI prints it. */
function errorOf(params: Record<string, unknown>): string {
  try {
    load(params);
  } catch (error) {
    assert.instance(error, SousError);
    return formatSousError(error as SousError);
  }
  throw new Error('expected a SousError');
}

/** `text` as a literal inside a RegExp (file paths hold dots and slashes). */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rows = (split: Task['train']) => Array.from({ length: split.size }, (_, index) => split.get(index));

test('reads prompt/answer lines relative to the recipe folder, keeping extra fields and skipping blank lines', () => {
  write(
    'train.jsonl',
    '\uFEFF' +
      lines({ prompt: 'capital of France? ', answer: 'Paris', id: 1 }, '', { prompt: 'héllo', answer: 'wörld' }) +
      '\r\n\n',
  );
  write('test.jsonl', lines({ prompt: 'Q', answer: 'Z' }));
  const task = load({ path: 'train.jsonl', test_path: 'test.jsonl' });
  assert.equal(rows(task.train), [
    { prompt: 'capital of France? ', answer: 'Paris', id: 1 },
    { prompt: 'héllo', answer: 'wörld' },
  ]);
  assert.equal(rows(task.test), [{ prompt: 'Q', answer: 'Z' }]);
  assert.is(task.train.vocab, task.vocab);
  assert.ok(task.test.verify!(' Z ', task.test.get(0)));
  assert.not.ok(task.verify('Paris!', task.train.get(0)));
});

test('the vocabulary holds every character of both files, in code-point order, after pad/bos/eos', () => {
  write('abc.jsonl', lines({ prompt: 'ba', answer: 'c' }));
  write('abc-test.jsonl', lines({ prompt: 'é', answer: 'a' }));
  const { vocab } = load({ path: 'abc.jsonl', test_path: 'abc-test.jsonl' });
  assert.is(vocab.vocabSize, 3 + 4);
  assert.equal(vocab.encode('abcé'), [3, 4, 5, 6]);
  assert.equal([vocab.pad, vocab.bos, vocab.eos], [0, 1, 2]);
});

test('without test_path a seeded fraction is held out: disjoint, deterministic, rounded down', () => {
  write(
    'many.jsonl',
    lines(...Array.from({ length: 25 }, (_, index) => ({ prompt: `p${index}`, answer: `${index}` }))),
  );
  const a = load({ path: 'many.jsonl', test_fraction: 0.2, seed: 3 });
  const b = load({ path: 'many.jsonl', test_fraction: 0.2, seed: 3 });
  const c = load({ path: 'many.jsonl', test_fraction: 0.2, seed: 4 });
  assert.is(a.test.size, 5);
  assert.is(a.train.size, 20);
  const train = rows(a.train).map((row) => row.prompt),
    heldOut = rows(a.test).map((row) => row.prompt);
  assert.ok(heldOut.every((prompt) => !train.includes(prompt)));
  assert.is(new Set([...train, ...heldOut]).size, 25);
  assert.equal(
    train,
    [...train].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1))),
  ); // file order kept
  assert.equal(rows(b.test), rows(a.test));
  assert.not.equal(rows(c.test), rows(a.test));
});

test('bad JSON names the file and line (and the column where the parser gives it)', () => {
  write('bad-json.jsonl', lines({ prompt: 'a', answer: 'b' }, '', '{"prompt": "x", "answer": }'));
  assert.match(
    errorOf({ path: 'bad-json.jsonl' }),
    /bad-json\.jsonl:3:27: the line is not valid JSON \(Unexpected token/,
  );
  write('cut-json.jsonl', lines('{"prompt": "x"'));
  assert.match(errorOf({ path: 'cut-json.jsonl' }), /cut-json\.jsonl:1:15: the line is not valid JSON/);
});

test('a missing field, a wrong type and a non-object line each name file:line and what is wrong', () => {
  write('no-answer.jsonl', lines({ prompt: 'a', answer: 'b' }, { prompt: 'c' }));
  assert.match(errorOf({ path: 'no-answer.jsonl' }), /no-answer\.jsonl:2: the object has no "answer" field/);
  write('number.jsonl', lines({ prompt: 'a', answer: 12 }));
  assert.match(errorOf({ path: 'number.jsonl' }), /number\.jsonl:1: "answer" must be a string, got number 12/);
  write('array.jsonl', lines({ prompt: 'a', answer: 'b' }, { prompt: 'a', answer: 'b' }, '["a", "b"]'));
  assert.match(
    errorOf({ path: 'array.jsonl' }),
    /array\.jsonl:3: expected a JSON object with "prompt" and "answer", got an array/,
  );
  write('test-bad.jsonl', lines({ prompt: null, answer: 'b' }));
  write('fine.jsonl', lines({ prompt: 'a', answer: 'b' }));
  assert.match(
    errorOf({ path: 'fine.jsonl', test_path: 'test-bad.jsonl' }),
    /test-bad\.jsonl:1: "prompt" must be a string, got null/,
  );
});

test('a missing file, a folder and an empty file are clear errors', () => {
  const missing = errorOf({ path: 'nowhere.jsonl' });
  assert.match(
    missing,
    /nowhere\.jsonl: cannot read the data file given as path: no such file\. Relative paths are resolved against the folder of the recipe\./,
  );
  assert.match(
    errorOf({ path: 'fine.jsonl', test_path: 'gone.jsonl' }),
    /gone\.jsonl: cannot read the data file given as test_path/,
  );
  fs.mkdirSync(path.join(dir, 'folder.jsonl'), { recursive: true });
  assert.match(errorOf({ path: 'folder.jsonl' }), /it is a folder, not a file/);
  write('empty.jsonl', '\n\n');
  assert.match(errorOf({ path: 'empty.jsonl' }), /empty\.jsonl: the file holds no examples/);
});

/** A tiny word-level tokenizer.json, as the Hugging Face tokenizers library writes one. */
const wordLevelTokenizer = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [],
  normalizer: { type: 'Lowercase' },
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordLevel',
    vocab: { '[PAD]': 0, '[BOS]': 1, '[EOS]': 2, '[UNK]': 3, two: 4, plus: 5, four: 6, '?': 7 },
    unk_token: '[UNK]',
  },
};

test('tokenizer: a tokenizer.json file, or a folder holding one with its config, becomes the vocabulary', () => {
  write('words.jsonl', lines({ prompt: 'two plus two?', answer: 'four' }));
  fs.mkdirSync(path.join(dir, 'tok'), { recursive: true });
  write('tok/tokenizer.json', JSON.stringify(wordLevelTokenizer));
  const fromFile = load({ path: 'words.jsonl', tokenizer: 'tok/tokenizer.json' }).vocab;
  assert.equal(fromFile.encode('Two plus two?'), [4, 5, 4, 7]);
  assert.is(fromFile.vocabSize, 8);
  assert.is(fromFile.eos, undefined, 'no tokenizer_config.json: no special ids');
  write('tok/tokenizer_config.json', JSON.stringify({ bos_token: '[BOS]', eos_token: '[EOS]', pad_token: '[PAD]' }));
  const task = load({ path: 'words.jsonl', tokenizer: 'tok' });
  assert.equal([task.vocab.pad, task.vocab.bos, task.vocab.eos], [0, 1, 2]);
  assert.is(task.vocab.decode(task.vocab.encode(task.train.get(0).answer)), 'four');
  assert.is(task.train.vocab, task.vocab);
  fs.rmSync(path.join(dir, 'tok', 'tokenizer_config.json'));
});

test('examples whose texts are all empty leave no character to make a vocabulary of', async () => {
  write('blank-texts.jsonl', lines({ prompt: '', answer: '' }, { prompt: '', answer: '' }));
  await new NodeTester(jsonl).run({
    valid: [
      {
        name: 'a tokenizer needs no characters',
        params: { path: 'blank-texts.jsonl', tokenizer: 'tok/tokenizer.json' },
        context: { recipeDir: dir },
        check: (task) => assert.is((task as Task).train.size, 2),
      },
    ],
    invalid: [{ params: { path: 'blank-texts.jsonl' }, context: { recipeDir: dir }, messageId: 'noCharacters' }],
  });
});

test('tokenizer: a missing or unreadable tokenizer file is a SousError naming it', () => {
  assert.match(
    errorOf({ path: 'words.jsonl', tokenizer: 'no-tok.json' }),
    new RegExp(`${escapeRegExp(path.join(dir, 'no-tok.json'))}: the tokenizer file does not exist`),
  );
  fs.mkdirSync(path.join(dir, 'empty-tok'), { recursive: true });
  assert.match(
    errorOf({ path: 'words.jsonl', tokenizer: 'empty-tok' }),
    new RegExp(`${escapeRegExp(path.join(dir, 'empty-tok', 'tokenizer.json'))}: the tokenizer file does not exist`),
  );
  write('bad-tok.json', '{\n  "model": oops\n}');
  assert.match(
    errorOf({ path: 'words.jsonl', tokenizer: 'bad-tok.json' }),
    /bad-tok\.json:2:\d+: the tokenizer file is not valid JSON/,
  );
  write('not-tok.json', JSON.stringify({ version: '1.0' }));
  assert.match(
    errorOf({ path: 'words.jsonl', tokenizer: 'not-tok.json' }),
    /not-tok\.json: the tokenizer file has no field "model"/,
  );
  assert.not.ok(jsonl.params.safeParse({ path: 'words.jsonl', tokenizer: '' }).success);
});

test('a one-line file trains on its line and tests on none; parameters are bounded', () => {
  write('one.jsonl', lines({ prompt: 'a', answer: 'b' }));
  const single = load({ path: 'one.jsonl', test_fraction: 0.9 });
  assert.equal([single.train.size, single.test.size], [1, 0]);
  assert.not.ok(jsonl.params.safeParse({ path: 'one.jsonl', test_fraction: 1 }).success);
  assert.not.ok(jsonl.params.safeParse({}).success);
  assert.not.ok(jsonl.params.safeParse({ path: '' }).success);
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
