import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeTester } from '@sous/core/testing';
import plugin, {
  chordProgressionIrregularity,
  compareDensities,
  emptyBeatRate,
  grooveConsistency,
  meterAdherence,
  pitchClassEntropy,
  pitchInScaleRate,
  pitchRange,
  polyphony,
  scaleConsistency,
  barChords,
  type Piece,
} from '../src/index.js';
import { featureDistance } from '../src/nodes/feature_distance.js';
import { metrics } from '../src/nodes/metrics.js';

const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);
const note = (pitch: number, start: number, duration: number) => ({ pitch, velocity: 80, start, duration });
const piece = (notes: ReturnType<typeof note>[], meters = [{ tick: 0, numerator: 4, denominator: 4 }]): Piece => ({
  ppq: 4,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: meters,
  tracks: [
    { name: 'm', program: 0, isDrum: false, notes },
    { name: 'd', program: 0, isDrum: true, notes: [note(100, 0, 40)] },
  ],
});

// ppq 4: one tick per sixteenth, a 4/4 bar is 16 ticks. C4 E4 G4 (a triad at 0, one beat), C#4 at beat 2, D5 in bar 2.
const fixture = piece([note(60, 0, 4), note(64, 0, 4), note(67, 0, 4), note(61, 8, 2), note(74, 16, 4)]);

test('pitch metrics by hand (drums ignored)', () => {
  assert.is(pitchRange(fixture), 14);
  // pitch classes 0, 4, 7, 1, 2 — five notes, five classes: log2 5.
  near(pitchClassEntropy(fixture), Math.log2(5));
  near(pitchInScaleRate(fixture, 0, 'major'), 4 / 5);
  near(pitchInScaleRate(fixture, 9, 'minor'), 4 / 5); // A minor = C major's classes
  near(scaleConsistency(fixture), 4 / 5);
  // sounding: ticks 0–3 three pitches, 8–9 one, 16–19 one: (12 + 2 + 4) / (4 + 2 + 4).
  near(polyphony(fixture), 18 / 10);
});

test('rhythm and meter metrics by hand', () => {
  // 10 beats (to the drum note's end, tick 40): melodic notes sound in beats 0, 2, 4; seven are empty.
  near(emptyBeatRate(fixture), 7 / 10);
  // Onsets per sixteenth, all tracks, three bars: {0, 8}, {0}, {}: Hamming 1 and 1 of 16.
  near(grooveConsistency(fixture), 1 - 1 / 16);
  assert.is(meterAdherence(fixture), 1);
  const tied = piece([note(60, 12, 8), note(62, 20, 2)]);
  near(meterAdherence(tied), 1 / 2);
  near(meterAdherence(fixture, [3, 4]), 0);
});

test('chord progression irregularity: distinct trigrams over trigrams', () => {
  near(chordProgressionIrregularity(['C:maj', 'G:maj', 'C:maj', 'G:maj', 'C:maj']), 2 / 3);
  near(chordProgressionIrregularity(['C:maj', 'F:maj', 'G:maj', 'A:min']), 1);
  assert.ok(Number.isNaN(chordProgressionIrregularity(['C:maj'])));
  assert.equal(barChords(fixture), []); // C E G C# is no chord; D alone neither
  assert.equal(
    barChords(
      piece([note(60, 0, 4), note(64, 0, 4), note(67, 0, 4), note(57, 16, 4), note(60, 16, 4), note(64, 16, 4)]),
    ),
    ['C:maj', 'A:min'],
  );
});

test('overlap area and KL of two one-point densities match the Gaussian closed forms', () => {
  // N(0, h²) vs N(d, h²): overlap 2Φ(−d/2h), KL d²/2h².
  const h = 0.5,
    d = 1;
  const { overlapArea, kl } = compareDensities([0], [d], { bandwidthP: h, bandwidthQ: h, points: 20001 });
  const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
  near(overlapArea, 2 * phi(-d / (2 * h)), 1e-6);
  near(kl, (d * d) / (2 * h * h), 1e-6);
});

// Abramowitz–Stegun 7.1.26 is too coarse for 1e-6; integrate exp(−t²) by Simpson instead.
function erf(x: number): number {
  const n = 20000,
    dx = x / n;
  let s = 0;
  for (let i = 0; i <= n; i++) s += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * dx) ** 2));
  return ((2 / Math.sqrt(Math.PI)) * s * dx) / 3;
}

test('music.metrics averages over the pieces and refuses none', async () => {
  await new NodeTester(metrics, plugin).run({
    valid: [
      {
        name: 'one piece',
        inputs: { pieces: { pieces: [fixture], names: ['f'] } },
        check: (out) => {
          const m = out as Record<string, number>;
          assert.is(m.pitch_range, 14);
          near(m.empty_beat_rate, 7 / 10);
        },
      },
    ],
    invalid: [{ inputs: { pieces: { pieces: [], names: [] } }, messageId: 'empty' }],
  });
});

test('music.feature_distance: a set compared with itself overlaps more than with a shifted set', async () => {
  const shift = (p: Piece, by: number): Piece => ({
    ...p,
    tracks: p.tracks.map((t) => ({
      ...t,
      notes: t.notes.map((n) => ({ ...n, pitch: n.pitch + (n.pitch === 74 ? by : 0) })),
    })),
  });
  const train = { pieces: [0, 1, 2, 3].map((k) => shift(fixture, k)), names: ['a', 'b', 'c', 'd'] };
  const far = { pieces: [20, 21].map((k) => shift(fixture, k)), names: ['x', 'y'] };
  const outputs: Record<string, number>[] = [];
  await new NodeTester(featureDistance, plugin).run({
    valid: [
      {
        name: 'same',
        inputs: { generated: train, train },
        check: (out) => outputs.push(out as Record<string, number>),
      },
      { name: 'far', inputs: { generated: far, train }, check: (out) => outputs.push(out as Record<string, number>) },
    ],
    invalid: [
      {
        inputs: { generated: far, train: { pieces: [fixture], names: ['a'] } },
        messageId: 'few',
        data: { train: 1, generated: 2 },
      },
    ],
  });
  assert.ok(outputs[0].pitch_range_overlap > outputs[1].pitch_range_overlap);
  assert.ok(outputs[0].pitch_range_kl < outputs[1].pitch_range_kl);
});

test.run();
