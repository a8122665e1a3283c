// music.theme_retrieval: the planted motif's bars from a piece, either embedding; clear failures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { themeRetrieval } from '../src/nodes/theme_retrieval.js';
import { plantedMotifPiece } from '../src/theme/synthetic.js';
import type { Themes } from '../src/theme/themes.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('music.theme_retrieval finds the planted bars (fixed and contrastive embedding)', () => {
  const planted = [plantedMotifPiece(new Rng('node'), { occurrences: 4 }), plantedMotifPiece(new Rng('node-2'))];
  const pieces = { pieces: planted.map((p) => p.piece), names: ['a', 'b'] };
  const fixed = runNode<Themes>(themeRetrieval, { pieces }, {});
  assert.is(fixed.kind, 'themes');
  assert.equal(
    fixed.retrievals.map((r) => r.occurrences),
    planted.map((p) => p.themeBars),
  );
  assert.is(fixed.retrievals[0].bars.length, 16);
  const learned = runNode<Themes>(themeRetrieval, { pieces }, { embedding: 'contrastive', steps: 60, eps: 0.6 });
  assert.equal(
    learned.retrievals.map((r) => r.occurrences),
    planted.map((p) => p.themeBars),
  );
});

test('music.theme_retrieval: a missing track, no melody, too few bars are clear errors', async () => {
  const { piece } = plantedMotifPiece(new Rng('errors'));
  const pieces = { pieces: [piece], names: ['p.mid'] };
  const drumsOnly = { pieces: [{ ...piece, tracks: [{ ...piece.tracks[0], isDrum: true }] }], names: ['drums.mid'] };
  await new NodeTester(themeRetrieval).run({
    invalid: [
      {
        inputs: { pieces },
        params: { track: 3 },
        messageId: 'noTrack',
        data: { name: '"p.mid"', tracks: 1, track: 3 },
      },
      { inputs: { pieces: drumsOnly }, params: {}, messageId: 'noMelody', data: { name: '"drums.mid"' } },
      {
        inputs: { pieces },
        params: { embedding: 'contrastive', min_notes: 5 },
        messageId: 'tooFewBars',
        data: { name: '"p.mid"', min_notes: 5, bars: 0 },
      },
    ],
  });
});

test.run();
