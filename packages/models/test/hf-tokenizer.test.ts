import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { SousError } from '@sous/core';
import { loadHfTokenizer } from '../src/index.js';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

const special = (id: number, content: string) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/** A word-level tokenizer: lowercase, split on whitespace and punctuation. */
const wordLevel = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [special(0, '[PAD]'), special(1, '[BOS]'), special(2, '[EOS]')],
  normalizer: { type: 'Lowercase' },
  pre_tokenizer: { type: 'Whitespace' },
  post_processor: null,
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordLevel',
    vocab: { '[PAD]': 0, '[BOS]': 1, '[EOS]': 2, '[UNK]': 3, hello: 4, world: 5, '!': 6 },
    unk_token: '[UNK]',
  },
};

/** A byte-level BPE in GPT-2's style ("Ġ" marks a leading space), with two merges. */
const byteLevelBpe = {
  version: '1.0',
  added_tokens: [special(7, '<|endoftext|>')],
  normalizer: null,
  pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  post_processor: null,
  decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: {
    type: 'BPE',
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: '',
    end_of_word_suffix: '',
    fuse_unk: false,
    byte_fallback: false,
    vocab: { a: 0, b: 1, Ġ: 2, ab: 3, Ġab: 4, c: 5, Ġc: 6 },
    merges: ['a b', 'Ġ ab', 'Ġ c'],
  },
};

function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

test('word-level tokenizer.json + tokenizer_config.json from a folder: ids and special tokens', () => {
  const dir = folder({
    'tokenizer.json': wordLevel,
    'tokenizer_config.json': { bos_token: '[BOS]', eos_token: { content: '[EOS]' }, pad_token: '[PAD]' },
  });
  const tok = loadHfTokenizer(dir);
  assert.equal(tok.encode('Hello world!'), [4, 5, 6]);
  assert.equal([tok.bos, tok.eos, tok.pad, tok.vocabSize], [1, 2, 0, 7]);
  assert.is(tok.decode([1, 4, 5, 6, 2, 0]), 'hello world!');
});

test('byte-level BPE from a tokenizer.json path: merges applied, round trip', () => {
  const dir = folder({ 'tokenizer.json': byteLevelBpe });
  const tok = loadHfTokenizer(path.join(dir, 'tokenizer.json'));
  assert.equal(tok.encode('abab ab c'), [3, 3, 4, 6]);
  assert.is(tok.decode([3, 3, 4, 6, 7]), 'abab ab c');
  assert.is(tok.vocabSize, 8);
  assert.is(tok.eos, undefined, 'no tokenizer_config.json: no special ids');
});

test('a piece without an id is a clear error', () => {
  const tok = loadHfTokenizer(folder({ 'tokenizer.json': wordLevel }));
  assert.throws(() => tok.encode('hello moon'), /no id for the piece "moon"/);
});

test('missing file, bad JSON (with line:column), unloadable tokenizer: SousError naming the file', () => {
  const expectError = (fn: () => unknown, file: string, pattern: RegExp, line?: number) => {
    try {
      fn();
      assert.unreachable('no error');
    } catch (error) {
      assert.instance(error, SousError);
      assert.is((error as SousError).file, file);
      assert.match((error as Error).message, pattern);
      if (line !== undefined) assert.is((error as SousError).line, line);
    }
  };
  const empty = folder({});
  expectError(() => loadHfTokenizer(empty), path.join(empty, 'tokenizer.json'), /tokenizer file does not exist/);
  const bad = folder({ 'tokenizer.json': '{\n  "version": "1.0",\n  "model": oops\n}' });
  expectError(() => loadHfTokenizer(bad), path.join(bad, 'tokenizer.json'), /not valid JSON/, 3);
  const badConfig = folder({ 'tokenizer.json': wordLevel, 'tokenizer_config.json': '{' });
  expectError(
    () => loadHfTokenizer(badConfig),
    path.join(badConfig, 'tokenizer_config.json'),
    /tokenizer config is not valid JSON/,
  );
  const noModel = folder({ 'tokenizer.json': { version: '1.0' } });
  expectError(() => loadHfTokenizer(noModel), path.join(noModel, 'tokenizer.json'), /has no field "model"/);
});

test.after(removeTempDirs);

test.run();
