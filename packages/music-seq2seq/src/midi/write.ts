// writeMidi: Piece → Standard MIDI File bytes (format 1, the piece's ppq), through @tonejs/midi.
// (@tonejs/midi is CommonJS: its classes come from the default export.)
// MIDI cannot represent two overlapping notes of one pitch on one channel: readers pair each
// note-on with the next note-off of its pitch, so such notes come back changed.
// Each track gets its own channel (channel 10 for drums, the others 1–16 in turn, skipping 10).
import tonejs from '@tonejs/midi';
import type { Piece } from '../piece.js';

export function writeMidi(piece: Piece): Uint8Array {
  const midi = new tonejs.Midi();
  midi.fromJSON({
    header: {
      name: '',
      ppq: piece.ppq,
      meta: [],
      keySignatures: [],
      tempos: piece.tempos.map((t) => ({ ticks: t.tick, bpm: t.bpm })),
      timeSignatures: piece.timeSignatures.map((t) => ({ ticks: t.tick, timeSignature: [t.numerator, t.denominator] })),
    },
    tracks: [],
  });
  const melodic = Array.from({ length: 16 }, (_, c) => c).filter((c) => c !== 9);
  let next = 0;
  for (const source of piece.tracks) {
    const track = midi.addTrack();
    track.name = source.name;
    track.instrument.number = source.program;
    track.channel = source.isDrum ? 9 : melodic[next++ % melodic.length];
    for (const note of source.notes) {
      // @tonejs/midi stores velocity in [0, 1] and writes floor(v · 127): the half step keeps v exact.
      track.addNote({
        midi: note.pitch,
        ticks: note.start,
        durationTicks: note.duration,
        velocity: (note.velocity + 0.5) / 127,
      });
    }
  }
  return midi.toArray();
}
