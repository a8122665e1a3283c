// The pieces of theme retrieval on hand examples: bars from the meter map, the skyline, the fixed
// embedding's invariances, DBSCAN's core, border and noise points.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Note, Piece } from '../src/piece.js';
import { barSegments, skyline } from '../src/theme/bars.js';
import { dbscan, euclidean } from '../src/theme/dbscan.js';
import { barEmbedding } from '../src/theme/embedding.js';

const note = (pitch: number, start: number, duration = 100): Note => ({ pitch, velocity: 80, start, duration });

function piece(notes: Note[], timeSignatures: Piece['timeSignatures']): Piece {
  return {
    ppq: 100,
    tempos: [],
    timeSignatures,
    tracks: [
      { name: 'drums', program: 0, isDrum: true, notes: [note(36, 0)] },
      { name: 'm', program: 0, isDrum: false, notes },
    ],
  };
}

test('bars follow the meter map; a change starts a new bar; the melody is the first pitched track', () => {
  // ppq 100: a 4/4 bar is 400 ticks, a 3/4 bar 300. 4/4 until tick 800, then 3/4.
  const notes = [note(60, 0), note(62, 390), note(64, 400), note(65, 820), note(67, 1100), note(69, 1150)];
  const bars = barSegments(
    piece(notes, [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 800, numerator: 3, denominator: 4 },
    ]),
  );
  assert.equal(
    bars.map((b) => [b.start, b.end, b.notes.map((n) => n.pitch)]),
    [
      [0, 400, [60, 62]],
      [400, 800, [64]],
      [800, 1100, [65]],
      [1100, 1400, [67, 69]],
    ],
  );
  // No time signature: 4/4. An explicit track can be chosen.
  assert.equal(
    barSegments(piece(notes, [])).map((b) => b.end),
    [400, 800, 1200],
  );
  assert.equal(
    barSegments(piece(notes, []), 0).map((b) => b.notes.length),
    [1],
  );
});

test('skyline: the highest note at each onset', () => {
  assert.equal(
    skyline([note(60, 0), note(67, 0), note(64, 0), note(55, 10), note(50, 10)]).map((n) => n.pitch),
    [67, 55],
  );
});

test('bar embedding by hand; unchanged by transposition and by jitter under half a cell', () => {
  // A 400-tick bar, grid 4 (cells of 100 ticks): notes at cells 0 and 2, pitches 60 and 66 (mean 63).
  const bar = { bar: 0, start: 0, end: 400, notes: [note(60, 0), note(66, 200)] };
  assert.equal(Array.from(barEmbedding(bar, 4)), [1, 0, 1, 0, -0.25, 0, 0.25, 0]);
  const moved = { ...bar, notes: [note(67, 40), note(73, 160)] };
  assert.equal(Array.from(barEmbedding(moved, 4)), Array.from(barEmbedding(bar, 4)));
  const tooFar = { ...bar, notes: [note(60, 0), note(66, 260)] };
  assert.ok(euclidean(barEmbedding(tooFar, 4), barEmbedding(bar, 4)) > 1);
  assert.ok(barEmbedding({ ...bar, notes: [] }, 4).every((x) => x === 0));
});

test('dbscan: two dense groups, a border point joins, an isolated point is noise', () => {
  // eps 1, minPoints 3. Group A: 0, 0.5, 1 (core 0.5 has 3 neighbours); 1.8 is within 1 of 1 only
  // among A: a border point (2 neighbours). Group B: 10, 10.2, 10.4. 5 is alone.
  const points = [[0], [0.5], [1], [1.8], [10], [10.2], [10.4], [5]];
  assert.equal(dbscan(points, 1, 3), [0, 0, 0, 0, 1, 1, 1, -1]);
  // minPoints 1: every point is core, so 5 is a cluster of its own.
  assert.equal(dbscan(points, 1, 1), [0, 0, 0, 0, 1, 1, 1, 2]);
  assert.throws(() => dbscan(points, 0, 2), /eps must be positive/);
  assert.throws(() => dbscan(points, 1, 0), /minPoints must be a positive integer/);
});

test.run();
