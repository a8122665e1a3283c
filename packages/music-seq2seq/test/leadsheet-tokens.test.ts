// Lead-sheet tokens (affect/tokens.ts) and the nodes around them: exact tokens of a hand-written
// sheet, round trips over synthetic sheets, the grammar (mask = refusal, encoded sheets legal),
// decoding that never throws, packed seq2seq rows, decoding sampled rows, sheets as pieces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeBatch, maxOf, Rng, type Rollouts } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import type { LeadSheet } from '../src/affect/leadsheet.js';
import { leadSheetPiece } from '../src/affect/piece.js';
import { LeadSheetVocabulary } from '../src/affect/tokens.js';
import { leadsheetDecode } from '../src/nodes/leadsheet_decode.js';
import { leadsheetPieces } from '../src/nodes/leadsheet_pieces.js';
import { leadsheetRows } from '../src/nodes/leadsheet_rows.js';
import { leadsheets } from '../src/nodes/leadsheets.js';
import type { Pieces } from '../src/port-types.js';
import type { LeadSheetRows, LeadSheets } from '../src/style-port-types.js';

const vocab = new LeadSheetVocabulary({
  beatResolution: 2,
  pitchRange: [48, 96],
  maxDurationBeats: 4,
  meters: [
    [3, 4],
    [4, 4],
  ],
  phrases: ['PHRASE=A1', 'PHRASE=B1', 'PHRASE=A4', 'PHRASE=B4'],
});

// Bar 1: C then G7 (the change where no melody note starts) under one whole note; bar 2: Am7
// under a dotted-quarter, eighth, half.
const small: LeadSheet = {
  valence: 'positive',
  meter: [4, 4],
  plan: 'AB',
  barsPerPhrase: 1,
  bars: [
    {
      chords: [
        { root: 0, quality: 'maj', beats: 2 },
        { root: 7, quality: 'dom7', beats: 2 },
      ],
      melody: [{ pitch: 76, beats: 4 }],
    },
    {
      chords: [{ root: 9, quality: 'min7', beats: 4 }],
      melody: [
        { pitch: 72, beats: 1.5 },
        { pitch: 81, beats: 0.5 },
        { pitch: 79, beats: 2 },
      ],
    },
  ],
};
const smallTarget =
  'Bar TimeSig_4/4 Position_0 Chord_C:maj Pitch_76 Duration_8 Position_4 Chord_G:dom7 ' +
  'Bar Position_0 Chord_A:min7 Pitch_72 Duration_3 Position_3 Pitch_81 Duration_1 Position_4 Pitch_79 Duration_4';
const sheets = (...list: LeadSheet[]): LeadSheets => ({ kind: 'leadsheets', sheets: list });
const synthetic = runNode<LeadSheets>(leadsheets, {}, { count: 60, seed: 5 }).sheets;

test('a hand-written sheet: its exact tokens, and back', () => {
  const { source, target } = vocab.encodeSheet(small);
  assert.equal(source, ['VAL=positive', 'TS=4/4', 'PHRASE=A1', 'PHRASE=B1']);
  assert.is(target.join(' '), smallTarget);
  const decoded = vocab.decodeSheet(vocab.encode(source.join(' ')), vocab.encode(smallTarget));
  assert.equal(decoded, { sheet: small, report: { illegal: 0, reasons: {}, unfinished: 0 } });
  // Text round trip of the Tokenizer face; specials are left out of decoded text.
  const ids = vocab.encode(`BOS ${smallTarget} EOS`);
  assert.is(vocab.decode(ids), smallTarget);
  assert.throws(() => vocab.encode('Bar Chord_H:maj'), /unknown lead-sheet token "Chord_H:maj"/);
  // Sizes: REMI's words (PAD BOS EOS Bar, 2 TimeSig, 8 Position, 49 Pitch, 8 Duration), 108 chords, 9 conditions.
  assert.is(vocab.remi.vocabSize, 4 + 2 + 8 + 49 + 8);
  assert.is(vocab.vocabSize, 71 + 12 * 9 + 3 + 2 + 4);
});

test('round trip: every synthetic sheet decodes to itself, with no token refused', () => {
  for (const sheet of synthetic) {
    const { source, target } = vocab.encodeSheet(sheet);
    const decoded = vocab.decodeSheet(vocab.encode(source.join(' ')), vocab.encode(target.join(' ')));
    assert.equal(decoded?.report, { illegal: 0, reasons: {}, unfinished: 0 });
    assert.equal(decoded?.sheet, { ...sheet, meter: [...sheet.meter] });
  }
});

test('encode refuses sheets off the grid, naming the bar', () => {
  const bar = (melody: LeadSheet['bars'][0]['melody']) => ({ ...small, bars: [{ ...small.bars[0], melody }] });
  assert.throws(() => vocab.encodeSheet(bar([{ pitch: 76, beats: 0.25 }])), /bar 1: note length 0.25 is off the grid/);
  assert.throws(() => vocab.encodeSheet(bar([{ pitch: 30, beats: 4 }])), /pitch 30 is outside 48–96/);
  assert.throws(
    () =>
      vocab.encodeSheet(
        bar([
          { pitch: 76, beats: 4 },
          { pitch: 76, beats: 1 },
        ]),
      ),
    /bar 1: a note starts past the end of the bar/,
  );
  assert.throws(() => vocab.encodeSheet({ ...small, meter: [5, 4] }), /meter 5\/4 is not one of the vocabulary's/);
});

test('grammar: the mask allows exactly what refusal accepts, and every encoded sheet is legal', () => {
  for (const sheet of [small, ...synthetic.slice(0, 6)]) {
    let state = vocab.grammar.start();
    for (const id of vocab.encode(`BOS ${vocab.encodeSheet(sheet).target.join(' ')} EOS`)) {
      const mask = vocab.grammar.allowed(state);
      for (let other = 0; other < vocab.vocabSize; other++) {
        assert.is(mask[other] === 1, vocab.refusal(state, other) === undefined);
      }
      assert.is(mask[id], 1, vocab.texts([id])[0]);
      state = vocab.grammar.advance(state, id);
    }
  }
});

test('decode skips and counts what the grammar refuses, with reasons', () => {
  const decode = (text: string) => vocab.decodeBars(vocab.encode(text)).report;
  assert.equal(decode('Bar Chord_C:maj Position_0 Pitch_60 Duration_2'), {
    illegal: 1,
    reasons: { 'Chord after Bar': 1 },
    unfinished: 0,
  });
  assert.equal(
    decode('Bar Position_0 Chord_C:maj Chord_D:min Position_4 Position_2 Pitch_60 Duration_1 Position_2 VAL=negative'),
    {
      illegal: 4,
      reasons: {
        'Chord after Chord': 1,
        'Position after Position': 1,
        'Position not after the last': 1,
        'condition token in the lead sheet': 1,
      },
      unfinished: 0,
    },
  );
  // 3/4 has 6 positions: Position_6 is past the bar. A Pitch at the end is an unfinished note.
  assert.equal(decode('Bar TimeSig_3/4 Position_6 Position_0 Pitch_60'), {
    illegal: 1,
    reasons: { 'Position past the bar': 1 },
    unfinished: 1,
  });
  const { bars } = vocab.decodeBars(
    vocab.encode('Bar TimeSig_3/4 Position_2 Chord_D:min Bar Bar Position_0 Pitch_60 Duration_2'),
  );
  // The chord lasts to the end of its 3/4 bar: 4 of 6 positions = 2 beats; the meter carries over.
  assert.equal(bars, [
    { chords: [{ root: 2, quality: 'min', beats: 2 }], melody: [] },
    { chords: [], melody: [] },
    { chords: [], melody: [{ pitch: 60, beats: 1 }] },
  ]);
});

test('decoding arbitrary ids never throws; a grammar-masked walk decodes with nothing refused', () => {
  const rng = new Rng('leadsheet-decode');
  for (let trial = 0; trial < 200; trial++) {
    const ids = Array.from({ length: 80 }, () => rng.int(vocab.vocabSize + 6) - 3);
    if (trial % 2 === 1) ids[rng.int(ids.length)] = 2.5;
    const { report, bars } = vocab.decodeBars(ids);
    assert.ok(report.illegal > 0 && report.illegal <= ids.length);
    assert.ok(bars.every((bar) => bar.chords.every((c) => c.beats > 0)));
  }
  for (let trial = 0; trial < 50; trial++) {
    let state = vocab.grammar.start();
    const ids: number[] = [];
    for (let step = 0; step < 120; step++) {
      const mask = vocab.grammar.allowed(state);
      const allowed = Array.from({ length: vocab.vocabSize }, (_, id) => id).filter(
        (id) => mask[id] === 1 && id !== vocab.eos && id !== vocab.pad,
      );
      if (allowed.length === 0) break;
      const id = allowed[rng.int(allowed.length)];
      ids.push(id);
      state = vocab.grammar.advance(state, id);
    }
    assert.is(vocab.decodeBars(ids).report.illegal, 0);
  }
});

test('music.leadsheet_rows: packed seq2seq rows (source padded, start token, answer, eos)', () => {
  const ctx = testContext();
  const rows = runNode<LeadSheetRows>(
    leadsheetRows,
    { train: sheets(small, small), test: sheets(small) },
    { source_length: 6, target_length: 32 },
    ctx,
  );
  assert.is(rows.train.size, 2);
  assert.is(rows.test.size, 1);
  const example = rows.test.get(0);
  assert.is(example.prompt, 'VAL=positive TS=4/4 PHRASE=A1 PHRASE=B1 PAD BOS');
  assert.is(example.answer, smallTarget);
  assert.equal(rows.vocab.options.meters, [[4, 4]]);
  const batch = encodeBatch([example], rows.vocab, 'test');
  const v = rows.vocab;
  // [BOS VAL TS PHRASE PHRASE PAD] is the 6-token source; the target starts with BOS at 6.
  assert.equal(Array.from(batch.tokens.subarray(0, 7)), [
    v.bos,
    ...v.encode('VAL=positive TS=4/4 PHRASE=A1 PHRASE=B1'),
    v.pad,
    v.bos,
  ]);
  assert.is(batch.length, 6 + 1 + 19 + 1);
  assert.is(batch.targetMask.indexOf(1), 7);
  assert.is(batch.tokens[batch.length - 1], v.eos);
  assert.match(ctx.infos.join('\n'), /longest target 21 tokens/);
});

test('music.leadsheet_rows: clear failures', async () => {
  const offGrid = { ...small, bars: [{ ...small.bars[0], melody: [{ pitch: 76, beats: 1 / 3 }] }] };
  await new NodeTester(leadsheetRows).run({
    invalid: [
      {
        inputs: { train: sheets(small), test: sheets(small) },
        params: { source_length: 4 },
        messageId: 'sourceTooLong',
        data: { which: 'train', index: 0, tokens: 4, source_length: 4 },
      },
      {
        inputs: { train: sheets(small), test: sheets(small) },
        params: { target_length: 20 },
        messageId: 'targetTooLong',
        data: { which: 'train', index: 0, tokens: 21, target_length: 20 },
      },
      {
        inputs: { train: sheets(small), test: sheets(offGrid) },
        messageId: 'offGrid',
        data: { which: 'test', index: 0, reason: 'bar 1: note length 0.3333333333333333 is off the grid of 1/2 beat' },
      },
      {
        inputs: { train: sheets(small), test: sheets() },
        params: { pitch_low: 90, pitch_high: 60 },
        messageId: 'badRange',
      },
    ],
  });
});

/** Rollouts as samplers.group lays them out: each row its prompt ids (BOS first), then its completion. */
function rollouts(rows: { prompt: number[]; completion: number[] }[], tokenizer: unknown): Rollouts {
  const length = maxOf(rows.map((r) => r.prompt.length + r.completion.length));
  const tokens = new Int32Array(rows.length * length);
  rows.forEach((r, i) => tokens.set([...r.prompt, ...r.completion], i * length));
  return {
    kind: 'rollouts',
    size: rows.length,
    length,
    tokens,
    promptLength: Int32Array.from(rows, (r) => r.prompt.length),
    completionLength: Int32Array.from(rows, (r) => r.completion.length),
    vocab: tokenizer,
  } as unknown as Rollouts;
}

test('music.leadsheet_decode: sheets under their prompt conditions; illegal tokens per sampled token', async () => {
  const prompt = vocab.encode('BOS VAL=positive TS=4/4 PHRASE=A1 PHRASE=B1 PAD BOS');
  const negative = vocab.encode('BOS VAL=negative TS=3/4 PHRASE=A1 PAD PAD BOS');
  const samples = rollouts(
    [
      { prompt, completion: vocab.encode(`${smallTarget} EOS`) },
      // 6 tokens, 2 refused (Chord after Bar; Pitch after EOS); with no TimeSig token the bar is REMI's
      // 4/4 whatever the condition says, so the chord lasts 4 beats (meter adherence judges the bar).
      { prompt: negative, completion: vocab.encode('Bar Chord_C:min Position_0 Chord_C:min EOS Pitch_60') },
    ],
    vocab,
  );
  await new NodeTester(leadsheetDecode).run({
    valid: [
      {
        inputs: { rollouts: samples },
        check: (out, ctx) => {
          const { sheets: decoded } = out as LeadSheets;
          assert.equal(decoded[0], small);
          assert.equal(decoded[1], {
            valence: 'negative',
            meter: [3, 4],
            plan: 'A',
            barsPerPhrase: 1,
            bars: [{ chords: [{ root: 0, quality: 'min', beats: 4 }], melody: [] }],
          });
          assert.is(ctx.metrics.illegal_rate, 2 / (20 + 6));
          assert.is(ctx.metrics.unfinished, 0);
          assert.is(ctx.metrics.bars, 1.5);
        },
      },
    ],
    invalid: [
      { inputs: { rollouts: rollouts([{ prompt, completion: [] }], { vocabSize: 3 }) }, messageId: 'notLeadSheets' },
      {
        inputs: { rollouts: rollouts([{ prompt: vocab.encode('BOS TS=4/4 BOS'), completion: [] }], vocab) },
        messageId: 'noConditions',
        data: { index: 0 },
      },
    ],
  });
});

test('music.leadsheet_pieces: melody and chord tracks in ticks, names from the conditions', () => {
  const out = runNode<Pieces>(leadsheetPieces, { sheets: sheets(small) });
  assert.equal(out.names, ['positive 4/4 AB']);
  const piece = leadSheetPiece(small, 4);
  assert.equal(out.pieces[0], leadSheetPiece(small));
  assert.equal(piece.timeSignatures, [{ tick: 0, numerator: 4, denominator: 4 }]);
  const melody = piece.tracks[0].notes.map((n) => [n.pitch, n.start, n.duration]);
  assert.equal(melody, [
    [76, 0, 16],
    [72, 16, 6],
    [81, 22, 2],
    [79, 24, 8],
  ]);
  // C major (48, 52, 55) for 2 beats, G7 (55, 59, 62, 65) for 2, then A minor 7 (57, 60, 64, 67) for 4.
  const chords = piece.tracks[1].notes.map((n) => [n.pitch, n.start, n.duration]);
  assert.equal(chords, [
    [48, 0, 8],
    [52, 0, 8],
    [55, 0, 8],
    [55, 8, 8],
    [59, 8, 8],
    [62, 8, 8],
    [65, 8, 8],
    [57, 16, 16],
    [60, 16, 16],
    [64, 16, 16],
    [67, 16, 16],
  ]);
});

test.run();
