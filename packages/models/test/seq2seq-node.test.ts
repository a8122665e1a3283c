// models.seq2seq: configuration from parameters and the tokenizer, theme flags, clear failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { CharTokenizer, type Seq2SeqModel } from '../src/index.js';
import { seq2seq } from '../src/nodes/seq2seq.js';

const vocab = new CharTokenizer('abcdefgh[]');

test.before(async () => {
  await tf.setBackend('cpu');
});

test('models.seq2seq: sizes from parameters, pad and vocabulary from the tokenizer, init from ctx.rng', () => {
  const model = runNode<Seq2SeqModel>(
    seq2seq,
    { vocab },
    { source_length: 6, target_length: 10, layers: 1, d_model: 16, heads: 2 },
  );
  assert.equal(model.config, {
    vocabSize: 13,
    sourceLength: 6,
    targetLength: 10,
    encoderLayers: 1,
    decoderLayers: 1,
    heads: 2,
    dModel: 16,
    dFF: 64,
    layerNormEps: 1e-5,
    gelu: 'tanh',
    padId: 0,
    theme: undefined,
  });
  assert.is(model.contextLength, 16);
  assert.is(model.tokenizer, vocab);
  const again = runNode<Seq2SeqModel>(
    seq2seq,
    { vocab },
    { source_length: 6, target_length: 10, layers: 1, d_model: 16, heads: 2 },
  );
  const name = 'h.0.crossattention.q_attn.weight';
  assert.equal(again.namedVariables().get(name)!.dataSync(), model.namedVariables().get(name)!.dataSync());
  const themed = runNode<Seq2SeqModel>(
    seq2seq,
    { vocab },
    { source_length: 6, layers: 1, d_model: 16, theme_flags: ['[', ']'] },
  );
  assert.equal(themed.config.theme, { start: vocab.encode('[')[0], end: vocab.encode(']')[0] });
  for (const m of [model, again, themed]) m.dispose();
});

test('models.seq2seq: clear failures for heads, flags and a tokenizer without pad', async () => {
  const noPad = { vocabSize: 5, encode: (t: string) => Array.from(t, () => 3), decode: () => '', eos: 2 };
  await new NodeTester(seq2seq).run({
    invalid: [
      {
        inputs: { vocab },
        params: { source_length: 4, heads: 3 },
        messageId: 'headsDivide',
        data: { d_model: 64, heads: 3 },
      },
      {
        inputs: { vocab },
        params: { source_length: 4, theme_flags: ['ab', ']'] },
        messageId: 'flagNotOneToken',
        data: { flag: '"ab"', count: 2 },
      },
      {
        inputs: { vocab },
        params: { source_length: 4, theme_flags: ['[', '['] },
        messageId: 'sameFlags',
        data: { flag: '"["' },
      },
      { inputs: { vocab: noPad }, params: { source_length: 4 }, messageId: 'needsPad' },
    ],
  });
  assert.not.ok(seq2seq.params.safeParse({}).success, 'source_length is required');
  assert.not.ok(seq2seq.params.safeParse({ source_length: 4, theme_flags: ['['] }).success);
});

test.run();
