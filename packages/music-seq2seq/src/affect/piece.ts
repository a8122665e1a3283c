// A lead sheet as a piece of two tracks, so it can be saved as .mid and drawn as a piano roll: the
// melody as written, and each chord's tones held for the chord's beats in the octave below C4.
import type { Note, Piece } from '../piece.js';
import { barBeats, CHORD_TONES, type LeadSheet } from './leadsheet.js';

/** The melody and chord tracks of `sheet` at `ppq` ticks per quarter note (velocity 90 and 60). */
export function leadSheetPiece(sheet: LeadSheet, ppq = 480): Piece {
  const melody: Note[] = [];
  const chords: Note[] = [];
  const bar = barBeats(sheet.meter);
  sheet.bars.forEach(({ chords: barChords, melody: notes }, b) => {
    let at = b * bar;
    for (const { pitch, beats } of notes) {
      melody.push({ pitch, velocity: 90, start: Math.round(at * ppq), duration: Math.round(beats * ppq) });
      at += beats;
    }
    at = b * bar;
    for (const { root, quality, beats } of barChords) {
      for (const tone of CHORD_TONES[quality])
        chords.push({
          pitch: 48 + root + tone,
          velocity: 60,
          start: Math.round(at * ppq),
          duration: Math.round(beats * ppq),
        });
      at += beats;
    }
  });
  const sorted = (notes: Note[]) =>
    notes.filter((n) => n.duration > 0).sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  return {
    ppq,
    tempos: [{ tick: 0, bpm: 100 }],
    timeSignatures: [{ tick: 0, numerator: sheet.meter[0], denominator: sheet.meter[1] }],
    tracks: [
      { name: 'melody', program: 0, isDrum: false, notes: sorted(melody) },
      { name: 'chords', program: 0, isDrum: false, notes: sorted(chords) },
    ],
  };
}
