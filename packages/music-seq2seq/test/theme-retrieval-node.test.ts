// music.theme_retrieval: the planted motif's bars from a piece, either embedding; clear failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { theme_retrieval } from '../src/nodes/theme_retrieval.js';
import { plantedMotifPiece } from '../src/theme/synthetic.js';
import type { Themes } from '../src/theme/themes.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('music.theme_retrieval finds the planted bars (fixed and contrastive embedding)', () => {
  const { piece, themeBars } = plantedMotifPiece(new Rng('node'), { occurrences: 4 });
  const fixed = runNode<Themes>(theme_retrieval, { piece }, {});
  assert.is(fixed.kind, 'themes');
  assert.equal(fixed.occurrences, themeBars);
  assert.is(fixed.bars.length, 16);
  const learned = runNode<Themes>(theme_retrieval, { piece }, { embedding: 'contrastive', steps: 60, eps: 0.6 });
  assert.equal(learned.occurrences, themeBars);
});

test('music.theme_retrieval: a missing track, no melody, too few bars are clear errors', async () => {
  const { piece } = plantedMotifPiece(new Rng('errors'));
  const drumsOnly = { ...piece, tracks: [{ ...piece.tracks[0], isDrum: true }] };
  await new NodeTester(theme_retrieval).run({
    invalid: [
      { inputs: { piece }, params: { track: 3 }, messageId: 'noTrack', data: { tracks: 1, track: 3 } },
      { inputs: { piece: drumsOnly }, params: {}, messageId: 'noMelody' },
      {
        inputs: { piece },
        params: { embedding: 'contrastive', min_notes: 5 },
        messageId: 'tooFewBars',
        data: { min_notes: 5, bars: 0 },
      },
    ],
  });
});

test.run();
