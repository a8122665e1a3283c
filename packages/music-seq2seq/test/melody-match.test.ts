// Theme Transformer's evals, by hand: edit distance, melody match and recurrences of a piece,
// music.melody_match on rollouts and music.theme_f1 on retrievals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxOf, type Metrics, type Rollouts } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { RemiTokenizer, RemiVocabulary, editDistance, melodyMatch, tokenizerConfig } from '../src/index.js';
import { melodyMatchNode } from '../src/nodes/melody_match.js';
import { themeF1 } from '../src/nodes/theme_f1.js';
import type { Themes } from '../src/theme/themes.js';
import { pieceOf } from './pieces.js';

test('editDistance: Levenshtein, by hand', () => {
  assert.is(editDistance([4, 3, 5], [4, 3, 5]), 0);
  assert.is(editDistance([4, 3, 5], [4, 1, 5]), 1);
  assert.is(editDistance([4, 3, 5], [3, 5]), 1);
  assert.is(editDistance([], [1, 2]), 2);
  // kitten → sitting: 3 (k→s, e→i, +g)
  assert.is(editDistance([1, 2, 3, 3, 4, 5], [7, 2, 3, 3, 2, 5, 9]), 3);
});

const BAR = 1920; // ticks of a 4/4 bar at ppq 480
const bar = (index: number, pitches: number[]) => pitches.map((p, i): [number, number] => [p, index * BAR + i * 480]);
// The theme: C E G C' (intervals 4 3 5).
const theme = pieceOf(bar(0, [60, 64, 67, 72]));
// Bar 0: the theme up a tone (match); bar 1: 1 1 1 (no); bar 2: three notes, 4 3 (one deletion: match);
// bar 3: 4 4 4 (two substitutions: no).
const generated = pieceOf([
  ...bar(0, [62, 66, 69, 74]),
  ...bar(1, [60, 61, 62, 63]),
  ...bar(2, [60, 64, 67]),
  ...bar(3, [60, 64, 68, 72]),
]);

test('melodyMatch, by hand: transposed and one-edit bars match, others do not', () => {
  assert.equal(melodyMatch(generated, theme), { bars: 4, matches: [0, 2] });
  assert.equal(melodyMatch(generated, theme, 0), { bars: 4, matches: [0] });
  assert.equal(melodyMatch(generated, theme, 2), { bars: 4, matches: [0, 2, 3] });
});

const remi = new RemiTokenizer(
  tokenizerConfig({
    families: { velocity: false, tempo: false, chord: false, timeSignature: false, program: false, theme: true },
  }),
);
const vocab = new RemiVocabulary(remi);

/** Rollouts whose rows are prompt + completion (the completion: a piece's ids after BOS). */
function rollouts(rows: Array<{ prompt: number[]; completion: number[]; theme?: string }>): Rollouts {
  const length = maxOf([0, ...rows.map((r) => r.prompt.length + r.completion.length)]);
  const tokens = new Int32Array(rows.length * length).fill(remi.pad);
  rows.forEach((r, i) => tokens.set([...r.prompt, ...r.completion], i * length));
  return {
    kind: 'rollouts',
    size: rows.length,
    length,
    tokens,
    promptLength: Int32Array.from(rows.map((r) => r.prompt.length)),
    completionLength: Int32Array.from(rows.map((r) => r.completion.length)),
    examples: rows.map((r) => ({ prompt: '', answer: '', ...(r.theme !== undefined && { theme: r.theme }) })),
    vocab,
  } as unknown as Rollouts;
}

test('music.melody_match: completions only, means over completions', async () => {
  const themeText = vocab.decode(remi.encode(theme));
  const prompt = vocab.encode(`BOS ${themeText} EOS BOS`);
  // Row 0: the 4-bar piece above, flags around its first bar (skipped by the decoder).
  const flagged = vocab.encode(
    vocab.decode(remi.encode(generated)).replace(/^Bar/, 'Theme_start Bar').replace(/ Bar/, ' Theme_end Bar'),
  );
  // Row 1: one bar that does not match.
  const filler = remi.encode(pieceOf(bar(0, [60, 61, 62, 63]))).slice(1);
  const out = runNode<Metrics>(
    melodyMatchNode,
    {
      rollouts: rollouts([
        { prompt, completion: [...flagged, remi.eos], theme: themeText },
        { prompt, completion: filler, theme: themeText },
      ]),
    },
    {},
  );
  // melody_match (2/4 + 0/1)/2; recurrences (2 + 0)/2; last_theme_bar (3 + 0)/2; bars (4 + 1)/2.
  assert.equal(out, { melody_match: 0.25, recurrences: 1, last_theme_bar: 1.5, bars: 2.5 });
  const notMusic = { ...rollouts([{ prompt, completion: filler, theme: themeText }]), vocab: { vocabSize: 3 } };
  await new NodeTester(melodyMatchNode).run({
    invalid: [
      { inputs: { rollouts: notMusic }, messageId: 'notMusic' },
      { inputs: { rollouts: rollouts([{ prompt, completion: filler }]) }, messageId: 'noTheme', data: { index: 0 } },
      { inputs: { rollouts: rollouts([]) }, messageId: 'empty' },
    ],
  });
});

test('music.theme_f1: per-piece precision, recall and F1 against the planted bars, averaged', async () => {
  const retrieval = (occurrences: number[]) => ({ bars: [], occurrences, labels: [] });
  const pieces = { pieces: [theme, theme], names: ['a', 'b'], themeBars: [[1, 3], [2]] };
  const themes: Themes = { kind: 'themes', pieces, retrievals: [retrieval([1, 3, 5]), retrieval([])] };
  // Piece a: precision 2/3, recall 1, F1 0.8; piece b: nothing found, all 0.
  const out = runNode<Metrics>(themeF1, { themes }, {});
  assert.equal(Object.keys(out), ['precision', 'recall', 'f1', 'found']);
  assert.ok(Math.abs(out.precision - 1 / 3) < 1e-12);
  assert.ok(Math.abs(out.recall - 0.5) < 1e-12);
  assert.ok(Math.abs(out.f1 - 0.4) < 1e-12);
  assert.is(out.found, 0.5);
  await new NodeTester(themeF1).run({
    invalid: [
      { inputs: { themes: { ...themes, pieces: { pieces: [], names: [] } } }, messageId: 'noPlanted' },
      {
        inputs: { themes: { ...themes, pieces: { ...pieces, themeBars: [] }, retrievals: [] } },
        messageId: 'empty',
      },
    ],
  });
});

test.run();
