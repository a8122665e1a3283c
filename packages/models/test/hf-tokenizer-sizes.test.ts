// Real-world tokenizer sizes and the files' schemas: Llama 3 and Qwen vocabularies have 128,000 to
// 152,000 entries, past what can be spread into one call (Math.max(...ids) threw a RangeError at
// about 125,000).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { formatSousError, SousError } from '@sous/core';
import { loadHfTokenizer } from '../src/index.js';
import { removeTempDirs, tempDir } from './helpers/temp-dirs.js';

const VOCAB = 150_000;

/** A word-level tokenizer.json whose vocabulary is `[UNK]` then w1 ... w(size-1). */
function wordLevel(size: number): Record<string, unknown> {
  const vocab: Record<string, number> = { '[UNK]': 0 };
  for (let id = 1; id < size; id++) vocab[`w${id}`] = id;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
}

function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

test(`a ${VOCAB.toLocaleString('en')}-entry tokenizer.json loads: vocabulary size, encode and decode at the top ids`, () => {
  const tokenizer = loadHfTokenizer(
    folder({ 'tokenizer.json': wordLevel(VOCAB), 'tokenizer_config.json': { pad_token: `w${VOCAB - 1}` } }),
  );
  assert.is(tokenizer.vocabSize, VOCAB);
  assert.equal(tokenizer.encode(`w1 w${VOCAB - 1}`), [1, VOCAB - 1]);
  assert.is(tokenizer.decode([VOCAB - 2, VOCAB - 1]), `w${VOCAB - 2} w${VOCAB - 1}`);
  assert.is(tokenizer.pad, VOCAB - 1);
});

test('tokenizer.json and tokenizer_config.json fields sous reads are checked and named', () => {
  const message = (files: Record<string, unknown>, name: string) => {
    const dir = folder(files);
    try {
      loadHfTokenizer(dir);
    } catch (error) {
      assert.instance(error, SousError);
      return formatSousError(error as SousError).replace(`${path.join(dir, name)}: `, '');
    }
    return 'loaded';
  };
  assert.is(
    message({ 'tokenizer.json': { version: '1.0' } }, 'tokenizer.json'),
    'the tokenizer file has no field "model"',
  );
  assert.is(
    message({ 'tokenizer.json': { ...wordLevel(3), added_tokens: [{ id: -1, content: 'x' }] } }, 'tokenizer.json'),
    'the tokenizer file has an invalid field "added_tokens[0].id": Too small: expected number to be >=0',
  );
  assert.is(
    message({ 'tokenizer.json': wordLevel(3), 'tokenizer_config.json': { eos_token: 7 } }, 'tokenizer_config.json'),
    'the tokenizer config has an invalid field "eos_token": expected a string or an object with a string "content"',
  );
});

test.after(removeTempDirs);
test.run();
