// Tokens as a port type, decoding samples, and the files a run keeps: .mid, piano-roll .svg and
// (where a synthesiser is installed) .wav in the run folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMidi } from 'midi-file';
import { encodeBatch } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import plugin, {
  RemiTokenizer,
  RemiVocabulary,
  pianoRollSvg,
  quantise,
  tokenizerConfig,
  type MusicTokens,
  type Piece,
  type PieceSplits,
} from '../src/index.js';
import { decode } from '../src/nodes/decode.js';
import { rolloutsOf } from './pieces.js';
import { save } from '../src/nodes/save.js';
import { synthetic } from '../src/nodes/synthetic.js';
import { tokenize } from '../src/nodes/tokenize.js';

const twoNotes: Piece = {
  ppq: 480,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [
    {
      name: '',
      program: 0,
      isDrum: false,
      notes: [
        { pitch: 60, velocity: 64, start: 0, duration: 480 },
        { pitch: 64, velocity: 64, start: 480, duration: 240 },
      ],
    },
  ],
};
const corpus = runNode<PieceSplits>(synthetic, {}, { count: 10, bars: 2, seed: 4 });
const vocab = new RemiVocabulary(new RemiTokenizer(tokenizerConfig()));

test('music.tokenize: each split a Dataset whose text round-trips to the REMI ids; the batch is BOS + ids + EOS', async () => {
  await new NodeTester(tokenize, plugin).run({
    valid: [
      {
        inputs: { corpus },
        check: (out) => {
          const tokens = out as MusicTokens;
          assert.equal(
            [tokens.train.size, tokens.val.size, tokens.test.size],
            [corpus.train.pieces.length, corpus.val.pieces.length, corpus.test.pieces.length],
          );
          assert.is(tokens.train.vocab, tokens.vocab);
          const remi = tokens.vocab.remi;
          corpus.train.pieces.forEach((piece, i) => {
            const example = tokens.train.get(i);
            assert.is(example.prompt, '');
            const ids = remi.encode(piece);
            assert.equal(tokens.vocab.encode(example.answer), ids.slice(1, -1));
            // What a model trains on decodes to the quantised piece.
            const batch = encodeBatch([example], tokens.vocab, 'test');
            assert.equal(Array.from(batch.tokens), ids);
            assert.equal(remi.decode(batch.tokens).piece, quantise(piece, remi.config));
          });
        },
      },
      {
        name: 'families off: a smaller vocabulary',
        inputs: { corpus },
        params: { velocity: false, chord: false, program: false, tempo: false, time_signature: false },
        check: (out) => {
          const { vocab: small } = out as MusicTokens;
          assert.ok(small.vocabSize < vocab.vocabSize);
          assert.not.ok(small.decode(small.remi.encode(corpus.train.pieces[0])).includes('Velocity'));
        },
      },
    ],
    invalid: [
      { inputs: { corpus }, params: { max_tokens: 10 }, messageId: 'tooLong' },
      {
        inputs: { corpus },
        params: { pitch_low: 90, pitch_high: 30 },
        messageId: 'badConfig',
        data: { reason: 'tokenizer config: pitchRange must lie in 0–127' },
      },
    ],
  });
  assert.throws(() => vocab.encode('Bar Position_0 Pitch_999'), /unknown REMI token "Pitch_999"/);
  assert.is(vocab.decode([vocab.bos, vocab.remi.id('Bar'), vocab.eos, vocab.pad]), 'Bar');
});

test('music.decode: pieces back from samples; illegal tokens skipped and counted, cut-off notes counted', () => {
  const remi = vocab.remi;
  const encoded = remi.encode(twoNotes);
  const note = [remi.id('Program', 0), remi.id('Pitch', 60 - 21)];
  const withIllegal = [
    remi.bos,
    remi.id('Pitch', 39), // illegal: a Pitch before any Bar
    remi.id('Bar'),
    remi.id('Position', 0),
    ...note,
    remi.id('Velocity', 15),
    remi.id('Duration', 3),
    remi.eos,
  ];
  const cutOff = [remi.bos, remi.id('Bar'), remi.id('Position', 0), ...note];
  const ctx = testContext();
  const out = runNode<{ pieces: Piece[]; names: string[] }>(
    decode,
    { rollouts: rolloutsOf([encoded, withIllegal, cutOff], vocab) },
    {},
    ctx,
  );
  assert.equal(out.pieces[0], quantise(twoNotes, remi.config));
  assert.equal(out.pieces[1].tracks[0].notes, [{ pitch: 60, velocity: 64, start: 0, duration: 480 }]);
  assert.equal(out.pieces[2].tracks, []);
  const sampled = encoded.length - 1 + withIllegal.length - 1 + cutOff.length - 1;
  assert.equal(ctx.metrics, { illegal_rate: 1 / sampled, unfinished: 1 / 3, notes: 3 / 3 });
  assert.throws(
    () =>
      runNode(decode, {
        rollouts: rolloutsOf([[1, 2]], { vocabSize: 3, encode: () => [], decode: () => '' } as never),
      }),
    /not a REMI vocabulary/,
  );
});

test('piano roll: one rectangle per note at hand-computed places, bar lines from the meter map', () => {
  // 4 beats of 16 px at 480 ticks per beat; pitches 59–70 (12 rows of 5 px) below a 20 px margin.
  const svg = pianoRollSvg(twoNotes, 'two <notes>');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="104" height="100"/);
  assert.ok(svg.includes('<rect x="20.0" y="70" width="16.0" height="5" fill="#1f77b4"/>'), svg);
  assert.ok(svg.includes('<rect x="36.0" y="50" width="8.0" height="5" fill="#1f77b4"/>'), svg);
  assert.equal(
    [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => m[1]),
    ['20.0', '84.0'],
  );
  assert.ok(svg.includes('<title>two &lt;notes&gt;</title>'));
});

test('music.save: .mid files a second reader (midi-file) parses, piano rolls; audio skipped without a synthesiser, rendered with one', async () => {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-music-run-'));
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-bin-'));
  const pieces = { pieces: [twoNotes, corpus.train.pieces[0]], names: ['two notes', 'synthetic'] };
  const savedPath = process.env.PATH;
  try {
    process.env.PATH = bin;
    const ctx = testContext({ runDir, step: 9 });
    const metrics = await runNode<Promise<Record<string, number>>>(save, { pieces }, { name: 'remi' }, ctx);
    assert.equal(metrics, { files_written: 4, audio_rendered: 0 });
    assert.match(ctx.infos.join('\n'), /no fluidsynth \(with a SoundFont\) or timidity on the PATH/);
    const files = fs.readdirSync(path.join(runDir, 'samples')).sort();
    assert.equal(files, ['remi-step10-0.mid', 'remi-step10-0.svg', 'remi-step10-1.mid', 'remi-step10-1.svg']);
    pieces.pieces.forEach((piece, i) => {
      const midi = parseMidi(fs.readFileSync(path.join(runDir, 'samples', `remi-step10-${i}.mid`)));
      assert.is(midi.header.ticksPerBeat, piece.ppq);
      const noteOns = midi.tracks.flat().filter((e) => e.type === 'noteOn' && e.velocity > 0);
      const notes = piece.tracks.flatMap((t) => t.notes);
      assert.equal(
        noteOns.map((e) => (e as { noteNumber: number }).noteNumber).sort(),
        notes.map((n) => n.pitch).sort(),
      );
      const svg = fs.readFileSync(path.join(runDir, 'samples', `remi-step10-${i}.svg`), 'utf8');
      assert.is((svg.match(/<rect /g) ?? []).length, notes.length + 1, 'a background and one rectangle per note');
    });
    // A stand-in timidity that writes its arguments into the .wav it is asked for.
    fs.writeFileSync(
      path.join(bin, 'timidity'),
      '#!/bin/sh\nwhile [ "$1" != "-o" ]; do shift; done\necho "RIFF $3" > "$2"\n',
      {
        mode: 0o755,
      },
    );
    const audio = await runNode<Promise<Record<string, number>>>(
      save,
      { pieces },
      { name: 'heard', count: 1 },
      testContext({ runDir }),
    );
    assert.equal(audio, { files_written: 3, audio_rendered: 1 });
    const wav = fs.readFileSync(path.join(runDir, 'samples', 'heard-step1-0.wav'), 'utf8');
    assert.is(wav.trim(), `RIFF ${path.join(runDir, 'samples', 'heard-step1-0.mid')}`);
    // No run folder (tests, plans): nothing written.
    assert.equal(await runNode(save, { pieces }), {});
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test.run();
