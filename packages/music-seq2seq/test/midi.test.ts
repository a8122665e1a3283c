import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMidi } from 'midi-file';
import { Rng } from '@sous/core';
import { MidiFileError, readMidi, syntheticPiece, writeMidi, type Piece } from '../src/index.js';

const fixture: Piece = {
  ppq: 96,
  tempos: [
    { tick: 0, bpm: 120 },
    { tick: 384, bpm: 100 },
  ],
  timeSignatures: [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 384, numerator: 3, denominator: 4 },
  ],
  tracks: [
    {
      name: 'piano',
      program: 0,
      isDrum: false,
      notes: [
        { pitch: 60, velocity: 90, start: 0, duration: 96 },
        { pitch: 64, velocity: 91, start: 0, duration: 96 },
        { pitch: 67, velocity: 1, start: 96, duration: 500 },
      ],
    },
    { name: 'bass', program: 33, isDrum: false, notes: [{ pitch: 36, velocity: 127, start: 48, duration: 24 }] },
    { name: 'drums', program: 0, isDrum: true, notes: [{ pitch: 38, velocity: 64, start: 0, duration: 12 }] },
  ],
};

test('write then read gives the same piece (notes, tracks, drums, tempo and meter maps)', () => {
  assert.equal(readMidi(writeMidi(fixture), 'fixture.mid'), fixture);
});

test('a second reader (midi-file events, paired here) sees the same notes, tempos and meters', () => {
  const parsed = parseMidi(writeMidi(fixture));
  assert.is(parsed.header.ticksPerBeat, 96);
  const notes: string[] = [],
    tempos: string[] = [],
    meters: string[] = [];
  for (const track of parsed.tracks) {
    let tick = 0;
    const open = new Map<string, { tick: number; velocity: number }>();
    for (const event of track) {
      tick += event.deltaTime;
      if (event.type === 'setTempo') tempos.push(`${tick}:${60_000_000 / event.microsecondsPerBeat}`);
      if (event.type === 'timeSignature') meters.push(`${tick}:${event.numerator}/${event.denominator}`);
      if (event.type === 'noteOn' && event.velocity > 0) {
        open.set(`${event.channel}/${event.noteNumber}`, { tick, velocity: event.velocity });
      } else if (event.type === 'noteOff' || event.type === 'noteOn') {
        const on = open.get(`${event.channel}/${event.noteNumber}`)!;
        notes.push(`ch${event.channel} ${event.noteNumber} v${on.velocity} @${on.tick}+${tick - on.tick}`);
      }
    }
  }
  assert.equal(tempos, ['0:120', '384:100']);
  assert.equal(meters, ['0:4/4', '384:3/4']);
  assert.equal(
    notes.sort(),
    ['ch0 60 v90 @0+96', 'ch0 64 v91 @0+96', 'ch0 67 v1 @96+500', 'ch1 36 v127 @48+24', 'ch9 38 v64 @0+12'].sort(),
  );
});

// MIDI cannot tell apart two overlapping notes of one pitch on one channel: keep the first of each overlap.
function withoutSamePitchOverlaps(piece: Piece): Piece {
  const tracks = piece.tracks.map((track) => {
    const end = new Map<number, number>();
    const notes = track.notes.filter((n) => {
      if ((end.get(n.pitch) ?? -1) > n.start) return false;
      end.set(n.pitch, n.start + n.duration);
      return true;
    });
    return { ...track, notes };
  });
  return { ...piece, tracks };
}

test('generated pieces survive write → read (tempos within the microsecond rounding of the file)', () => {
  for (let seed = 0; seed < 20; seed++) {
    const piece = withoutSamePitchOverlaps(syntheticPiece(new Rng(`midi ${seed}`), { tracks: 2, drums: true }));
    const back = readMidi(writeMidi(piece), 'x.mid');
    assert.equal(
      back.tracks.map((t) => t.notes),
      piece.tracks.map((t) => t.notes),
    );
    assert.equal(back.timeSignatures, piece.timeSignatures);
    back.tempos.forEach((t, i) =>
      assert.ok(t.tick === piece.tempos[i].tick && Math.abs(t.bpm - piece.tempos[i].bpm) < 1e-3),
    );
  }
});

const reason = (bytes: Uint8Array) => {
  try {
    readMidi(bytes, 'songs/bad.mid');
    return 'read';
  } catch (error) {
    assert.instance(error, MidiFileError);
    assert.ok((error as Error).message.startsWith('songs/bad.mid: '));
    return (error as MidiFileError).reason;
  }
};

test('truncated, garbage and unsupported files are errors naming the file, never a hang', () => {
  const good = writeMidi(fixture);
  assert.match(reason(good.slice(0, 10)), /too short/);
  assert.match(reason(new TextEncoder().encode('this is not a midi file at all')), /not a MIDI file/);
  assert.match(reason(good.slice(0, good.length - 5)), /truncated: track \d+ declares/);
  assert.match(reason(good.slice(0, 30)), /truncated/);
  const smpte = good.slice();
  smpte[12] = 0xe7;
  assert.match(reason(smpte), /SMPTE/);
  // Every prefix of a real file is refused or read, and the loop ends (a hang would never finish the test).
  for (let cut = 0; cut < good.length; cut++) assert.ok(typeof reason(good.slice(0, cut)) === 'string');
  // Whole chunks, but the one event in the track (a tempo, 3 data bytes declared) is cut off.
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96];
  const track = [0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 4, 0x00, 0xff, 0x51, 0x03];
  assert.match(reason(Uint8Array.from(header.concat(track))), /track 1, event 1 \(setTempo\) is cut off/);
});

test.run();
