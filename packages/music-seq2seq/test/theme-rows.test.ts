// Theme Transformer's rows: the REMI grammar with theme flags, themeRow on a hand-made piece,
// music.planted_motifs and music.theme_rows, with their clear failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeBatch } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { RemiTokenizer, RemiVocabulary, themeRow, tokenizerConfig, type PieceSplits } from '../src/index.js';
import type { ThemeRows } from '../src/port-types.js';
import { plantedMotifs } from '../src/nodes/planted_motifs.js';
import { themeRetrieval } from '../src/nodes/theme_retrieval.js';
import { themeRows } from '../src/nodes/theme_rows.js';
import type { Themes } from '../src/theme/themes.js';
import { pieceOf } from './pieces.js';

const bare = { velocity: false, tempo: false, chord: false, timeSignature: false, program: false };
const remi = new RemiTokenizer(tokenizerConfig({ families: { ...bare, theme: true } }));
const ids = (text: string) => new RemiVocabulary(remi).encode(text);

// Bar 0: C D; bar 1: E; bar 2: F G (sixteenths, on positions 0 and 1).
const piece = pieceOf([
  [60, 0],
  [62, 120],
  [64, 1920],
  [65, 3840],
  [67, 3960],
]);
const BAR0 = 'Bar Position_0 Pitch_60 Duration_1 Position_1 Pitch_62 Duration_1';
const BAR1 = 'Bar Position_0 Pitch_64 Duration_1';
const BAR2 = 'Bar Position_0 Pitch_65 Duration_1 Position_1 Pitch_67 Duration_1';

test('theme flags: the last two ids, legal around whole bars; the decoded piece is the one without them', () => {
  const plain = new RemiTokenizer(tokenizerConfig({ families: bare }));
  assert.is(remi.vocabSize, plain.vocabSize + 2);
  assert.equal(remi.texts([remi.vocabSize - 2, remi.vocabSize - 1]), ['Theme_start', 'Theme_end']);
  const flagged = ids(`BOS Theme_start ${BAR0} Theme_end ${BAR1} Theme_start ${BAR2} Theme_end EOS`);
  const decoded = remi.decode(flagged);
  assert.equal(decoded.report, { illegal: 0, reasons: {}, unfinished: 0 });
  assert.equal(decoded.piece, plain.decode(plain.encode(piece)).piece);
  // Without families.theme the texts are unknown.
  assert.throws(() => new RemiVocabulary(plain).encode('Theme_start'), /unknown REMI token "Theme_start"/);
});

test('theme flags: what the grammar refuses, and the mask agrees with refusal at every prefix', () => {
  const reasons = (text: string) => remi.decode(ids(text)).report.reasons;
  assert.equal(reasons(`BOS ${BAR0} Theme_end EOS`), { 'Theme_end after Duration': 1 });
  assert.equal(reasons(`BOS Theme_start Theme_start ${BAR0} Theme_end EOS`), { 'Theme_start after Theme': 1 });
  assert.equal(reasons(`BOS Theme_start Theme_end ${BAR0} Theme_end EOS`), { 'Theme_end after Theme': 1 });
  assert.equal(reasons('BOS Bar Position_0 Theme_start Pitch_60 Duration_1 EOS'), { 'Theme_start after Position': 1 });
  // EOS may not end a piece inside a region: it is skipped, and the region closes after it.
  assert.equal(reasons(`BOS Theme_start ${BAR0} EOS Theme_end EOS`), { 'EOS inside a theme region': 1 });
  const sequence = ids(
    `BOS Theme_start ${BAR0} Theme_end ${BAR1} Theme_start ${BAR2} Theme_end EOS PAD BOS ${BAR1} EOS`,
  );
  let state = remi.start();
  for (const id of sequence) {
    const mask = remi.legalMask(state);
    for (let other = 0; other < remi.vocabSize; other++)
      assert.is(
        mask[other] === 1,
        remi.refusal(state, other) === undefined,
        `${remi.texts([other])} after ${state.phase}`,
      );
    assert.is(remi.refusal(state, id), undefined, remi.texts([id])[0]);
    state = remi.advance(state, id);
  }
});

test('BOS after EOS starts a new sequence (a packed row), not in the middle of one', () => {
  const packed = ids(`BOS ${BAR0} EOS PAD BOS`);
  const state = packed.reduce((s, id) => remi.grammar.advance(s, id), remi.grammar.start());
  assert.equal(state, { ...remi.start(), read: 1 });
  assert.equal(
    Array.from(remi.grammar.allowed(state)).flatMap((on, id) => (on ? remi.texts([id]) : [])),
    ['EOS', 'Bar', 'Theme_start'],
  );
  assert.equal(remi.decode(ids(`BOS ${BAR0} BOS EOS`)).report.reasons, { 'BOS after Duration': 1 });
});

test('themeRow, by hand: theme = first occurrence bar; flags around each occurrence; packed seq2seq row', () => {
  const encoded = remi.encode(piece);
  assert.equal(remi.texts(encoded).join(' '), `BOS ${BAR0} ${BAR1} ${BAR2} EOS`);
  const row = themeRow(remi, encoded, [2, 0], 10);
  assert.equal(row.theme.join(' '), BAR0);
  assert.equal(row.seq2seq, {
    prompt: `${BAR0} EOS PAD BOS`,
    answer: `Theme_start ${BAR0} Theme_end ${BAR1} Theme_start ${BAR2} Theme_end`,
  });
  assert.equal(row.prompted, { prompt: `${BAR0} EOS BOS`, answer: `${BAR0} ${BAR1} ${BAR2}` });
  // As samplers.dataset packs it: the source is 10 tokens, BOS at position 0 and theme token k at k;
  // the target starts with BOS at 10, the loss covers the answer and EOS.
  const vocab = new RemiVocabulary(remi);
  const batch = encodeBatch([{ ...row.seq2seq }], vocab, 'test');
  const tokens = Array.from(batch.tokens);
  assert.equal(remi.texts(tokens.slice(0, 10)).join(' '), `BOS ${BAR0} EOS PAD`);
  assert.is(tokens[10], remi.bos);
  assert.equal(Array.from(batch.targetMask).indexOf(1), 11);
  // Inside the first region the k-th token after Theme_start is theme token k.
  assert.equal(tokens.slice(12, 19), tokens.slice(1, 8));
  // The last bar ends the piece: its region closes before EOS.
  assert.equal(
    remi.texts(
      themeRow(remi, encoded, [2], 16)
        .seq2seq.answer.split(' ')
        .slice(-2)
        .map((t) => ids(t)[0]),
    ),
    ['Duration_1', 'Theme_end'],
  );
  assert.throws(() => themeRow(remi, encoded, [3], 10), /theme bar 3 is not in the piece \(3 bars\)/);
  assert.throws(() => themeRow(remi, encoded, [], 10), /at least one theme occurrence/);
  assert.throws(
    () => themeRow(remi, encoded, [0], 8),
    /theme is 7 tokens; with BOS and EOS it does not fit in source_length 8/,
  );
});

const corpus = runNode<PieceSplits>(plantedMotifs, {}, { count: 20, seed: 3 });

test('music.planted_motifs: split pieces with their planted bars', async () => {
  assert.equal(
    [corpus.train, corpus.val, corpus.test].map((s) => [s.pieces.length, s.themeBars!.length]),
    [
      [16, 16],
      [2, 2],
      [2, 2],
    ],
  );
  for (const bars of corpus.train.themeBars!) assert.ok(bars.length === 3 || bars.length === 4, `${bars}`);
  const two = runNode<PieceSplits>(plantedMotifs, {}, { count: 4, bars: 8, occurrences: 2, seed: 3 });
  assert.ok(two.train.themeBars!.every((bars) => bars.length === 2 && bars.every((b) => b < 8)));
  await new NodeTester(plantedMotifs).run({
    invalid: [{ params: { bars: 4, occurrences: 5 }, messageId: 'tooMany', data: { occurrences: 5, bars: 4 } }],
  });
});

const rowParams = {
  source_length: 16,
  velocity: false,
  tempo: false,
  chord: false,
  time_signature: false,
  program: false,
};

/** Bar number of each Theme_start in a flagged answer. */
function flaggedBars(answer: string): number[] {
  let bar = -1;
  return answer.split(' ').flatMap((t) => {
    if (t === 'Bar') bar++;
    return t === 'Theme_start' ? [bar + 1] : [];
  });
}

test('music.theme_rows: flags on the retrieved (here: the planted) bars; both datasets carry the theme', () => {
  const themes = runNode<Themes>(themeRetrieval, { pieces: corpus.train }, {});
  for (const occurrences of ['retrieved', 'planted'] as const) {
    const rows = runNode<ThemeRows>(themeRows, { themes }, { ...rowParams, occurrences });
    const expected = occurrences === 'planted' ? corpus.train.themeBars! : themes.retrievals.map((r) => r.occurrences);
    const kept = expected.flatMap((bars, i) => (bars.length > 0 ? [i] : []));
    assert.is(rows.seq2seq.size, kept.length);
    assert.is(rows.prompted.size, kept.length);
    kept.forEach((piece, j) => {
      const example = rows.seq2seq.get(j);
      assert.equal(flaggedBars(example.answer), expected[piece]);
      assert.equal(example.themeBars, expected[piece]);
      assert.is(example.name, corpus.train.names[piece]);
      assert.is(rows.prompted.get(j).theme, example.theme);
      assert.ok(rows.prompted.get(j).prompt.startsWith(example.theme as string));
      assert.is(example.prompt.split(' ').length, 16);
    });
    assert.is(rows.seq2seq.vocab, rows.vocab);
  }
  // On these pieces retrieval finds exactly the planted bars.
  assert.equal(
    themes.retrievals.map((r) => r.occurrences),
    corpus.train.themeBars,
  );
});

test('music.theme_rows: clear failures', async () => {
  const themes = runNode<Themes>(themeRetrieval, { pieces: corpus.test }, {});
  const unplanted: Themes = { ...themes, pieces: { pieces: themes.pieces.pieces, names: themes.pieces.names } };
  const none: Themes = { ...themes, retrievals: themes.retrievals.map((r) => ({ ...r, occurrences: [] })) };
  const name = JSON.stringify(themes.pieces.names[0]).slice(1, -1);
  await new NodeTester(themeRows).run({
    invalid: [
      { inputs: { themes: unplanted }, params: { occurrences: 'planted' }, messageId: 'noPlanted' },
      { inputs: { themes: none }, params: {}, messageId: 'noThemes', data: { pieces: 2 } },
      {
        inputs: { themes },
        params: { ...rowParams, source_length: 8 },
        messageId: 'badRow',
        data: { piece: name, reason: 'the theme is 13 tokens; with BOS and EOS it does not fit in source_length 8' },
      },
      {
        inputs: { themes },
        params: { pitch_low: 90, pitch_high: 80 },
        messageId: 'badConfig',
        data: { reason: 'tokenizer config: pitchRange must lie in 0–127' },
      },
      { inputs: { themes }, params: { ...rowParams, max_tokens: 20 }, messageId: 'tooLong' },
    ],
  });
});

test.run();
