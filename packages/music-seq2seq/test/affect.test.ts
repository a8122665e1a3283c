import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Metrics } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { CHORD_TONES, barBeats, type LeadSheet } from '../src/affect/leadsheet.js';
import { chordValence, progressionValence, valenceBin } from '../src/affect/valence.js';
import { condTokensNode } from '../src/nodes/cond_tokens.js';
import { leadsheetMetrics } from '../src/nodes/leadsheet_metrics.js';
import { leadsheets } from '../src/nodes/leadsheets.js';
import { valence } from '../src/nodes/valence.js';
import type { LeadSheets } from '../src/style-port-types.js';

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test('chord valence: the mean of the tag valences, per quality (reconstructed table)', () => {
  // maj: happy +1, bright +1; dim: dark −1, anxious −1, tense 0; aug: mysterious 0, tense 0, anxious −1.
  assert.is(chordValence('maj'), 1);
  assert.is(chordValence('min'), -1);
  assert.is(chordValence('dom7'), 0.5);
  assert.is(chordValence('min7'), -0.5);
  assert.ok(near(chordValence('dim'), -2 / 3));
  assert.ok(near(chordValence('aug'), -1 / 3));
});

test('progression valence is duration-weighted; bins at the thresholds', () => {
  // (4·1 + 2·(−1) + 2·0.5) / 8 = 3/8.
  const v = progressionValence([
    { quality: 'maj', beats: 4 },
    { quality: 'min', beats: 2 },
    { quality: 'dom7', beats: 2 },
  ]);
  assert.ok(near(v, 3 / 8));
  // (3·(−0.5) + 3·(−2/3)) / 6 = −7/12.
  assert.ok(
    near(
      progressionValence([
        { quality: 'min7', beats: 3 },
        { quality: 'dim', beats: 3 },
      ]),
      -7 / 12,
    ),
  );
  assert.ok(Number.isNaN(progressionValence([])));
  assert.is(valenceBin(3 / 8, [-0.25, 0.25]), 'positive');
  assert.is(valenceBin(0.25, [-0.25, 0.25]), 'neutral');
  assert.is(valenceBin(-0.26, [-0.25, 0.25]), 'negative');
});

test('condition tokens: valence, meter, one token per phrase', () => {
  const sheet = { valence: 'positive', meter: [3, 4], plan: 'AABA', barsPerPhrase: 8, bars: [] } as LeadSheet;
  const tokens = runNode<string[]>(condTokensNode, { sheets: { kind: 'leadsheets', sheets: [sheet] } });
  assert.equal(tokens, ['VAL=positive TS=3/4 PHRASE=A8 PHRASE=A8 PHRASE=B8 PHRASE=A8']);
});

const bar = (chords: [LeadSheet['bars'][0]['chords'][0]['quality'], number][], melody: number[]) => ({
  chords: chords.map(([quality, beats]) => ({ root: 0, quality, beats })),
  melody: melody.map((beats) => ({ pitch: 72, beats })),
});
const sheetOf = (valence: LeadSheet['valence'], meter: [number, number], bars: LeadSheet['bars']): LeadSheet => ({
  valence,
  meter,
  plan: 'A',
  barsPerPhrase: bars.length,
  bars,
});
const sheets = (...list: LeadSheet[]): LeadSheets => ({ kind: 'leadsheets', sheets: list });

// Generated: a positive 4/4 sheet with V = 3/8 (a hit), one bar of 4 beats and one of 3 (missed);
// a negative 3/4 sheet of one C major bar, V = 1 (a miss), its bar full. Qualities: maj 2, min 1, dom7 1.
const generated = sheets(
  sheetOf(
    'positive',
    [4, 4],
    [
      bar([['maj', 4]], [1, 1, 2]),
      bar(
        [
          ['min', 2],
          ['dom7', 2],
        ],
        [2, 1],
      ),
    ],
  ),
  sheetOf('negative', [3, 4], [bar([['maj', 3]], [3])]),
);
// Reference qualities: maj 1, min 1, dom7 2.
const reference = sheets(
  sheetOf(
    'neutral',
    [4, 4],
    [
      bar(
        [
          ['maj', 1],
          ['min', 1],
          ['dom7', 1],
          ['dom7', 1],
        ],
        [4],
      ),
    ],
  ),
);

test('leadsheet_metrics: valence accuracy, meter adherence and chord-quality KL by hand', () => {
  const metrics = runNode<Metrics>(leadsheetMetrics, { generated, reference }, { smoothing: 0 });
  assert.is(metrics.valence_accuracy, 1 / 2);
  assert.ok(near(metrics.meter_adherence, 2 / 3));
  // P = (1/2, 1/4, 1/4), Q = (1/4, 1/4, 1/2) on maj, min, dom7: ½ ln 2 + ¼ ln 1 + ¼ ln ½ = ¼ ln 2.
  assert.ok(near(metrics.quality_kl, Math.log(2) / 4), String(metrics.quality_kl));
  // Smoothing 1 over the nine qualities: P = (3, 2, 2, 1 × 6)/13, Q = (2, 2, 3, 1 × 6)/13 → ln(3/2)/13.
  const smoothed = runNode<Metrics>(leadsheetMetrics, { generated, reference }, { smoothing: 1 });
  assert.ok(near(smoothed.quality_kl, Math.log(1.5) / 13), String(smoothed.quality_kl));
});

test('music.valence: mean valence and bin shares', () => {
  const metrics = runNode<Metrics>(valence, { sheets: generated });
  // V = 3/8 and 1: mean 11/16, both positive.
  assert.ok(near(metrics.valence, 11 / 16));
  assert.equal([metrics.negative, metrics.neutral, metrics.positive], [0, 0, 1]);
});

test('bad inputs: no sheets, a quality the reference lacks without smoothing, reversed thresholds, bad plans', async () => {
  const noMaj = sheets(sheetOf('neutral', [4, 4], [bar([['min', 4]], [4])]));
  await new NodeTester(leadsheetMetrics).run({
    invalid: [
      { inputs: { generated: sheets(), reference }, messageId: 'empty', data: { which: 'generated' } },
      { inputs: { generated, reference: noMaj }, params: { smoothing: 0 }, messageId: 'unsmoothedZero' },
      { inputs: { generated, reference }, params: { thresholds: [0.5, -0.5] }, error: /must not exceed/ },
    ],
  });
  await new NodeTester(valence).run({ invalid: [{ inputs: { sheets: sheets() }, messageId: 'noSheets' }] });
  await new NodeTester(leadsheets).run({ invalid: [{ params: { plans: ['AXBA'] }, error: /phrase plan/ }] });
});

test('the synthetic lead sheets keep their meter, plan and chord tones, and mostly their valence', () => {
  const { sheets: made } = runNode<LeadSheets>(leadsheets, {}, { count: 300, seed: 3 });
  for (const sheet of made) {
    assert.is(sheet.bars.length, sheet.plan.length * sheet.barsPerPhrase);
    for (const { chords, melody } of sheet.bars) {
      assert.is(
        chords.reduce((s, c) => s + c.beats, 0),
        barBeats(sheet.meter),
      );
      assert.is(
        melody.reduce((s, n) => s + n.beats, 0),
        barBeats(sheet.meter),
      );
      // Every melody note is a tone of one of the bar's chords.
      for (const { pitch } of melody)
        assert.ok(chords.some((c) => CHORD_TONES[c.quality].includes((((pitch - 72 - c.root) % 12) + 12) % 12)));
    }
    // A repeated letter repeats its bars: the first and the last A phrase of AABA and ABAB are equal.
    const phrase = (k: number) => sheet.bars.slice(k * sheet.barsPerPhrase, (k + 1) * sheet.barsPerPhrase);
    assert.equal(phrase(0), phrase(sheet.plan.lastIndexOf('A')));
    assert.not.equal(phrase(0), phrase(sheet.plan.indexOf('B')));
  }
  const meters = new Set(made.map((s) => s.meter.join('/')));
  assert.equal([...meters].sort(), ['3/4', '4/4']);
  const metrics = runNode<Metrics>(leadsheetMetrics, {
    generated: { kind: 'leadsheets', sheets: made },
    reference: { kind: 'leadsheets', sheets: made },
  });
  assert.is(metrics.meter_adherence, 1);
  assert.is(metrics.quality_kl, 0);
  assert.ok(metrics.valence_accuracy > 0.8, String(metrics.valence_accuracy));
});

test.run();
