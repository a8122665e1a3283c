import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SousError } from '@sous/core';
import { CharTokenizer, CHAR_SPECIAL_IDS } from '../src/index.js';

test('ids: specials 0..2, then the alphabet in order', () => {
  const tok = new CharTokenizer('0123456789+-=');
  assert.equal([tok.pad, tok.bos, tok.eos], [0, 1, 2]);
  assert.equal(CHAR_SPECIAL_IDS, { pad: 0, bos: 1, eos: 2 });
  assert.is(tok.vocabSize, 16);
  assert.equal(tok.encode('12+3='), [4, 5, 13, 6, 15]);
});

test('decode inverts encode and drops special tokens', () => {
  const tok = new CharTokenizer('ab-');
  assert.is(tok.decode([1, ...tok.encode('ba-ab'), 2, 0, 0]), 'ba-ab');
});

test('characters beyond the BMP are one token each', () => {
  const tok = new CharTokenizer('a🎵');
  assert.equal(tok.encode('🎵a'), [4, 3]);
  assert.is(tok.decode([4, 3]), '🎵a');
});

test('an unknown character is named with its position', () => {
  const tok = new CharTokenizer('0123456789');
  try {
    tok.encode('12x');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, SousError);
    assert.match((error as Error).message, 'unknown character "x" at position 2');
  }
});

test('an id outside the vocabulary, a repeated or empty alphabet are errors', () => {
  const tok = new CharTokenizer('ab');
  assert.throws(() => tok.decode([5]), /token id 5 is outside the vocabulary \(0\.\.4\)/);
  assert.throws(() => new CharTokenizer('aba'), /lists the character "a" twice/);
  assert.throws(() => new CharTokenizer(''), /alphabet is empty/);
});

test.run();
