import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode, NodeTester } from '@sous/core/testing';
import { composers } from '../src/nodes/composers.js';
import type { Corpus } from '../src/style-port-types.js';

const corpus = runNode<Corpus>(composers, {}, { train_size: 80, test_size: 8, notes: 64, seed: 1 });

/** Mean |pitch step| and mean note length (in sixteenths) of each composer's melodies. */
function statistics(label: number): { step: number; length: number } {
  const melodies = corpus.train.pieces.filter((_, i) => corpus.train.labels[i] === label).map((p) => p.tracks[0].notes);
  const steps = melodies.flatMap((notes) => notes.slice(1).map((note, i) => Math.abs(note.pitch - notes[i].pitch)));
  const lengths = melodies.flatMap((notes) => notes.map((note) => note.duration / 120));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { step: mean(steps), length: mean(lengths) };
}

test('composers: labels in turn, splits of the asked sizes, pieces fixed by the seed', () => {
  assert.equal(corpus.train.classes, ['stepwise', 'arpeggios', 'leaps', 'repeats']);
  assert.equal(Array.from(corpus.test.labels), [0, 1, 2, 3, 0, 1, 2, 3]);
  assert.is(corpus.train.pieces.length, 80);
  assert.is(corpus.train.pieces[0].tracks[0].notes.length, 64);
  const again = runNode<Corpus>(composers, {}, { train_size: 80, test_size: 8, notes: 64, seed: 1 });
  assert.equal(again.test.pieces, corpus.test.pieces);
  const other = runNode<Corpus>(composers, {}, { train_size: 80, test_size: 8, notes: 64, seed: 2 });
  assert.not.equal(other.test.pieces[0], corpus.test.pieces[0]);
  // The same pieces unlabelled, for music.tokenize, named by composer.
  assert.is(corpus.pieces.train.pieces, corpus.train.pieces);
  assert.is(corpus.pieces.test.pieces, corpus.test.pieces);
  assert.equal(corpus.pieces.test.names.slice(0, 2), ['stepwise test 0', 'arpeggios test 1']);
  assert.equal([corpus.pieces.val.pieces.length, corpus.pieces.val.names.length], [0, 0]);
});

test('composers differ in interval and rhythm statistics as their tables say', () => {
  const [stepwise, arpeggios, leaps, repeats] = [0, 1, 2, 3].map(statistics);
  // Expected lengths from the tables (sixteenths): (3·2 + 4)/4 = 2.5, (3·1 + 2)/4 = 1.25, (2·4 + 8)/3 ≈ 5.33, 2.
  assert.ok(
    Math.abs(stepwise.length - 2.5) < 0.3 && Math.abs(arpeggios.length - 1.25) < 0.2,
    JSON.stringify([stepwise, arpeggios]),
  );
  assert.ok(
    Math.abs(leaps.length - 16 / 3) < 0.5 && Math.abs(repeats.length - 2) < 0.3,
    JSON.stringify([leaps, repeats]),
  );
  // Semitone steps grow from repeats and stepwise to arpeggios to leaps.
  assert.ok(repeats.step < arpeggios.step && stepwise.step < arpeggios.step && arpeggios.step < leaps.step);
  // A bass note on every beat, in C2–B2, below every melody note (C4–C6).
  for (const piece of corpus.train.pieces.slice(0, 8)) {
    const [melody, bass] = piece.tracks.map((t) => t.notes);
    assert.ok(bass.every((note, beat) => note.start === beat * 480 && note.pitch >= 36 && note.pitch <= 47));
    assert.ok(melody.every((note) => note.pitch >= 60 && note.pitch <= 84));
  }
});

test('composers: more than the four defined is refused', async () => {
  await new NodeTester(composers).run({ invalid: [{ params: { composers: 5 }, error: /composers/ }] });
});

test.run();
