// Theme retrieval on synthetic pieces with a planted 4-note motif that recurs 3–4 times,
// transposed and jittered, amid random filler: F1 of the retrieved bars against the planted ones,
// per seed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { retrievalF1, retrieveTheme } from '../src/theme/retrieve.js';
import { plantedMotifPiece } from '../src/theme/synthetic.js';

test('retrieval F1 > 0.8 on every one of 10 seeds (fixed transposition-invariant embedding)', () => {
  const scores = Array.from({ length: 10 }, (_, seed) => {
    const { piece, themeBars } = plantedMotifPiece(new Rng(`planted-${seed}`));
    return retrievalF1(retrieveTheme(piece).occurrences, themeBars).f1;
  });
  // Measured: printed so that examples/README.md can quote it.
  console.log(`theme retrieval F1 per seed: ${scores.map((f) => f.toFixed(3)).join(' ')}`);
  for (const [seed, f1] of scores.entries()) assert.ok(f1 > 0.8, `seed ${seed}: F1 ${f1}`);
});

test('the planted motif is what is found: without it no theme forms; F1 by hand', () => {
  const { piece } = plantedMotifPiece(new Rng('no-motif'), { occurrences: 1 });
  assert.equal(retrieveTheme(piece).occurrences, []);
  const { precision, recall, f1 } = retrievalF1([1, 2, 3, 4], [2, 3, 9]);
  assert.equal([precision, recall], [0.5, 2 / 3]);
  assert.ok(Math.abs(f1 - 4 / 7) < 1e-15, `F1 = 2·(1/2)(2/3)/(1/2 + 2/3) = 4/7, found ${f1}`);
  assert.equal(retrievalF1([], [1]), { precision: 0, recall: 0, f1: 0 });
});

test('retrieval reads the meter: the same motif in 3/4 bars is found as well', () => {
  const { piece, themeBars } = plantedMotifPiece(new Rng('meter'), { occurrences: 4 });
  // 16 sixteenths per 4/4 bar at ppq 480 = 1920 ticks; reading it as 2/2 changes nothing, as 2/4 splits every bar.
  const halves = { ...piece, timeSignatures: [{ tick: 0, numerator: 2, denominator: 2 }] };
  assert.equal(retrieveTheme(halves).occurrences, themeBars);
});

test.run();
