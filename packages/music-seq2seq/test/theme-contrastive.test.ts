// The contrastive segment encoder: InfoNCE against a float64 hand computation, augmentation, and
// training that lowers the loss and makes transposed copies of a bar near neighbours.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { barSegments } from '../src/theme/bars.js';
import { augmentBar, infoNce, trainContrastiveEncoder } from '../src/theme/contrastive.js';
import { euclidean } from '../src/theme/dbscan.js';
import { retrievalF1, retrieveTheme } from '../src/theme/retrieve.js';
import { plantedMotifPiece } from '../src/theme/synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('InfoNCE equals the float64 formula', () => {
  const a = [
    [1, 2],
    [0.5, -1],
    [-2, 0.3],
  ];
  const p = [
    [0.9, 2.2],
    [1, -1],
    [0.1, 1],
  ];
  const tau = 0.5;
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const cos = (u: number[], v: number[]) => unit(u).reduce((s, x, k) => s + x * unit(v)[k], 0);
  const expected =
    a.reduce((sum, ai, i) => {
      const logits = p.map((pj) => cos(ai, pj) / tau);
      const logZ = Math.log(logits.reduce((s, l) => s + Math.exp(l), 0));
      return sum + logZ - logits[i];
    }, 0) / a.length;
  const measured = infoNce(tf.tensor2d(a), tf.tensor2d(p), tau).dataSync()[0];
  assert.ok(Math.abs(measured - expected) < 1e-5, `${measured} vs ${expected}`);
});

test('a view transposes every note alike and may drop one', () => {
  const bar = {
    bar: 0,
    start: 0,
    end: 1600,
    notes: [60, 64, 67].map((pitch, i) => ({ pitch, velocity: 80, start: i * 400, duration: 100 })),
  };
  const view = augmentBar(bar, new Rng('view'), { grid: 16, transpose: 6, jitter: 0.25, dropout: 1 });
  assert.is(view.notes.length, 2);
  const kept = view.notes.map((n) => bar.notes.findIndex((m) => Math.abs(m.start - n.start) <= 25));
  const shifts = view.notes.map((n, i) => n.pitch - bar.notes[kept[i]].pitch);
  assert.ok(shifts.every((s) => s === shifts[0] && Math.abs(s) <= 6));
});

test('training lowers InfoNCE; the learned embedding then retrieves the planted motif', () => {
  const rng = new Rng('contrastive');
  const corpus = Array.from({ length: 6 }, (_, i) => plantedMotifPiece(rng.fork(`piece-${i}`)));
  const bars = corpus.flatMap(({ piece }) => barSegments(piece).filter((b) => b.notes.length >= 2));
  const encoder = trainContrastiveEncoder(bars, rng.fork('train'), { steps: 150 });
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const first = mean(encoder.losses.slice(0, 10));
  const last = mean(encoder.losses.slice(-10));
  console.log(
    `InfoNCE: first 10 steps ${first.toFixed(3)}, last 10 ${last.toFixed(3)} (chance log 32 = ${Math.log(32).toFixed(3)})`,
  );
  const scores = Array.from({ length: 5 }, (_, seed) => {
    const { piece, themeBars } = plantedMotifPiece(new Rng(`held-out-${seed}`));
    return retrievalF1(retrieveTheme(piece, { embed: encoder.embed, eps: 0.6 }).occurrences, themeBars).f1;
  });
  console.log(`contrastive-embedding retrieval F1 per held-out seed: ${scores.map((f) => f.toFixed(3)).join(' ')}`);
  for (const [seed, f1] of scores.entries()) assert.ok(f1 > 0.8, `held-out seed ${seed}: F1 ${f1}`);
  assert.ok(last < 0.8 * first);
  // A transposed copy of a bar is nearer than another bar.
  const [a, b] = bars;
  const transposed = { ...a, notes: a.notes.map((n) => ({ ...n, pitch: n.pitch + 5 })) };
  assert.ok(euclidean(encoder.embed(a), encoder.embed(transposed)) < euclidean(encoder.embed(a), encoder.embed(b)));
  encoder.dispose();
});

test.run();
