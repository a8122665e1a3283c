// readMidi: a Standard MIDI File's bytes → Piece, through @tonejs/midi (the maintained parser the
// issue names; it pairs note-ons with note-offs and reads the tempo and meter maps). Bad files are
// refused before @tonejs/midi sees them: it reads past the end of a truncated chunk as NaN, and its
// binary search over event ticks never ends on a NaN (no branch of its comparison is taken), so a
// cut-off file would hang it. Here every chunk length is checked against the bytes present, every
// parsed field must be a finite number, and only then is @tonejs/midi run — each of its loops then
// walks a finite list of finite ticks, so reading ends in time linear in the bytes (plus the
// note pairing, quadratic in the notes of one track).
import tonejs from '@tonejs/midi';
import { parseMidi } from 'midi-file';
import type { Piece, Track } from '../piece.js';

/** A file that is not a readable Standard MIDI File; `reason` says why, `file` which one. */
export class MidiFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'MidiFileError';
  }
}

/** The Piece in a Standard MIDI File (format 0 or 1, ticks per quarter note). A file without a tempo
 * or time signature gets MIDI's defaults, 120 bpm and 4/4 at tick 0; zero-length notes are dropped;
 * tracks without notes are dropped; a track on channel 10 is a drum track. */
export function readMidi(bytes: Uint8Array, file: string): Piece {
  const fail = (reason: string): never => {
    throw new MidiFileError(file, reason);
  };
  checkChunks(bytes, fail);
  let events: ReturnType<typeof parseMidi>;
  try {
    events = parseMidi(bytes);
  } catch (error) {
    return fail(`not a MIDI file (${String(error instanceof Error ? error.message : error)})`);
  }
  events.tracks.forEach((track, t) =>
    track.forEach((event, e) => {
      for (const [key, value] of Object.entries(event)) {
        if (typeof value === 'number' && !Number.isFinite(value)) {
          fail(`track ${t + 1}, event ${e + 1} (${event.type}) is cut off: its ${key} is missing`);
        }
      }
    }),
  );
  let midi: InstanceType<typeof tonejs.Midi>;
  try {
    midi = new tonejs.Midi(bytes); // CommonJS: the class comes from the default export
  } catch (error) {
    return fail(`unreadable MIDI data (${error instanceof Error ? error.message : String(error)})`);
  }
  const tracks: Track[] = midi.tracks
    .map((track) => ({
      name: track.name,
      program: track.instrument.number,
      isDrum: track.channel === 9,
      notes: track.notes
        .filter((note) => note.durationTicks > 0)
        .map((note) => ({
          pitch: note.midi,
          velocity: Math.max(1, Math.round(note.velocity * 127)),
          start: note.ticks,
          duration: note.durationTicks,
        }))
        .sort((a, b) => a.start - b.start || a.pitch - b.pitch),
    }))
    .filter((track) => track.notes.length > 0);
  const tempos = midi.header.tempos.map((t) => ({ tick: t.ticks, bpm: t.bpm }));
  const timeSignatures = midi.header.timeSignatures.map((t) => ({
    tick: t.ticks,
    numerator: t.timeSignature[0],
    denominator: t.timeSignature[1],
  }));
  return {
    ppq: midi.header.ppq,
    tempos: tempos.length > 0 && tempos[0].tick === 0 ? tempos : [{ tick: 0, bpm: 120 }, ...tempos],
    timeSignatures:
      timeSignatures.length > 0 && timeSignatures[0].tick === 0
        ? timeSignatures
        : [{ tick: 0, numerator: 4, denominator: 4 }, ...timeSignatures],
    tracks,
  };
}

/** Walks the chunk headers: the file must start with a 6-byte MThd, use ticks per quarter note, and
 * hold every chunk it declares, whole. */
function checkChunks(bytes: Uint8Array, fail: (reason: string) => never): void {
  const tag = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
  const u32 = (at: number) => ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
  const u16 = (at: number) => (bytes[at] << 8) | bytes[at + 1];
  if (bytes.length < 14) fail(`too short for a MIDI file (${bytes.length} bytes; a header alone is 14)`);
  if (tag(0) !== 'MThd') fail(`not a MIDI file (it starts with ${JSON.stringify(tag(0))}, not "MThd")`);
  const headerLength = u32(4);
  if (headerLength < 6 || 8 + headerLength > bytes.length) fail(`bad header chunk length ${headerLength}`);
  const format = u16(8),
    trackCount = u16(10),
    division = u16(12);
  if (format > 1) fail(`MIDI format ${format} is not supported (only 0 and 1)`);
  if (division & 0x8000) fail('SMPTE time division is not supported (only ticks per quarter note)');
  if (division === 0) fail('zero ticks per quarter note');
  let at = 8 + headerLength;
  for (let track = 1; track <= trackCount; track++) {
    if (at + 8 > bytes.length) fail(`truncated: track ${track} of ${trackCount} is missing`);
    if (tag(at) !== 'MTrk')
      fail(`expected track chunk ${track} ("MTrk") at byte ${at}, found ${JSON.stringify(tag(at))}`);
    const length = u32(at + 4);
    const left = bytes.length - at - 8;
    if (length > left) fail(`truncated: track ${track} declares ${length} bytes but ${left} remain`);
    at += 8 + length;
  }
}
