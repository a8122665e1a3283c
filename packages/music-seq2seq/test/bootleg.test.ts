import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runNode } from '@sous/core/testing';
import { bootleg } from '../src/nodes/bootleg.js';
import { bootlegScore, bootlegWindows } from '../src/bootleg/rasterise.js';
import { staffRows } from '../src/bootleg/staff.js';
import type { Images, LabelledPieces } from '../src/style-port-types.js';
import { pieceOf } from './pieces.js';

/** The filled rows of each column, read off a [62, columns] image. */
function filledRows(cells: Uint8Array, columns: number): number[][] {
  return Array.from({ length: columns }, (_, c) =>
    Array.from({ length: 62 }, (_, r) => r).filter((r) => cells[r * columns + c] === 1),
  );
}

// Rows counted by hand on a grand staff, from the bottom: bass staff A0 = 0 (so G2 = 13 … A3 = 21,
// B3 = 22, C4 = 23, D4 = 24, E4 = 25, F4 = 26, G4 = 27), treble staff E3 = 28 (so B3 = 32,
// C4 = 33, D4 = 34, E4 = 35, F4 = 36, G4 = 37, A4 = 38, B4 = 39, C5 = 40).
test('staff rows: the staff lines, both staves for E3–G4, every spelling, nothing beyond the piano', () => {
  assert.equal(staffRows(43), [13]); // G2, bottom line of the bass staff
  assert.equal(staffRows(57), [21, 31]); // A3: top line of the bass staff, or a ledger-line space below the treble staff
  assert.equal(staffRows(64), [25, 26, 35, 36]); // E4 = E or F♭, on both staves
  assert.equal(staffRows(65), [25, 26, 35, 36]); // F4 = F or E♯: the same rows as E4
  assert.equal(staffRows(77), [42, 43]); // F5, top line of the treble staff (or E♯5)
  assert.equal(staffRows(21), [0]); // A0
  assert.equal(staffRows(108), [60, 61]); // C8 (or B♯7)
  assert.equal(staffRows(20), []);
  assert.equal(staffRows(109), []);
});

test('a C-major scale C4–C5: one column per note, the rows written out by hand', () => {
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  const score = bootlegScore(pieceOf(scale.map((pitch, i) => [pitch, 240 * i])));
  assert.is(score.columns, 8);
  assert.equal(filledRows(score.cells, 8), [
    [22, 23, 32, 33], // C4 = C or B♯3, both staves
    [24, 34], // D4
    [25, 26, 35, 36], // E4 = E or F♭
    [25, 26, 35, 36], // F4 = F or E♯
    [27, 37], // G4
    [38], // A4: treble staff only
    [39, 40], // B4 = B or C♭5
    [39, 40], // C5 = C or B♯4
  ]);
});

test('a chord is one column; accidentals share rows; drums are left out; onsets are sorted', () => {
  // C major triad in the bass at tick 0 (C3 E3 G3), then C♯4 with D4 at tick 480, D♭4 alone at 960.
  const piece = pieceOf(
    [
      [62, 480],
      [61, 480],
      [48, 0],
      [52, 0],
      [55, 0],
      [61, 960],
    ],
    [[36, 240]],
  );
  const score = bootlegScore(piece);
  assert.is(score.columns, 3);
  assert.equal(filledRows(score.cells, 3), [
    // C3 = 15, 16 (C or B♯2); E3 = 18, 19 and treble 28, 29; G3 = 20 and treble 30.
    [15, 16, 18, 19, 20, 28, 29, 30],
    // C♯4 = C♯ (23, 33) or D♭ (24, 34); D4 = 24, 34: the flat and the natural share rows 24 and 34.
    [23, 24, 33, 34],
    [23, 24, 33, 34],
  ]);
});

test('windows: 64 columns every hop, the last partial one dropped, a short score padded', () => {
  const long = bootlegScore(pieceOf(Array.from({ length: 150 }, (_, i) => [81, 10 * i]))); // A5: row 45
  assert.is(long.columns, 150);
  assert.is(bootlegWindows(long).length, 2); // columns 0–63 and 64–127; 128–149 dropped
  assert.is(bootlegWindows(long, 32).length, 3); // starts 0, 32, 64 (96 + 64 > 150)
  const short = bootlegWindows(
    bootlegScore(
      pieceOf([
        [81, 0],
        [81, 10],
      ]),
    ),
  );
  assert.is(short.length, 1);
  assert.equal(filledRows(short[0], 64).slice(0, 3), [[45], [45], []]);
  assert.equal(bootlegWindows(bootlegScore(pieceOf([]))), []);
});

test('music.bootleg: windows of every piece, each with its piece label', () => {
  const pieces: LabelledPieces = {
    kind: 'labelled-pieces',
    pieces: [pieceOf(Array.from({ length: 130 }, (_, i) => [60, i])), pieceOf([[72, 0]])],
    labels: Int32Array.of(1, 0),
    classes: ['a', 'b'],
  };
  const images = runNode<Images>(bootleg, { pieces }, { max_windows: 3 });
  assert.is(images.count, 3);
  assert.equal([images.height, images.width], [62, 64]);
  assert.equal(Array.from(images.labels), [1, 1, 0]);
  const pixel = (image: number, row: number, column: number) => images.pixels[(image * 62 + row) * 64 + column];
  assert.is(pixel(0, 23, 0), 1);
  assert.is(pixel(2, 40, 0), 1); // C5
  assert.is(pixel(2, 40, 1), 0);
  assert.is(runNode<Images>(bootleg, { pieces }, {}).count, 2); // one window per piece by default
});

test.run();
