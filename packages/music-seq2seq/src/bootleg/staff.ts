// Where a MIDI pitch's notehead sits in a bootleg score: the 62 rows are the diatonic staff
// positions (lines and spaces) of a piano grand staff, counted from the bottom. Rows 0–27 are the
// left-hand (bass-clef) staff, A0 to G4; rows 28–61 the right-hand (treble-clef) staff, E3 to C8.
// This is the mapping of Tsai et al.'s MIDI-to-bootleg-score conversion ("Using Cell Phone
// Pictures of Sheet Music To Retrieve MIDI Passages", 2020), which the PBSCR dataset's images
// share: a pitch from E3 to G4 may be written on either staff, so it fills a row in both; and since
// MIDI carries no spelling, a pitch fills the rows of each way it may be spelled (C♯4 as C♯ or D♭,
// E4 as E or F♭, C4 as C or B♯3). Staff lines fall on rows 13, 15, 17, 19, 21 (G2 B2 D3 F3 A3) and
// 35, 37, 39, 41, 43 (E4 G4 B4 D5 F5).

/** Rows of a bootleg score. */
export const BOOTLEG_ROWS = 62;
/** Rows of the left-hand staff; the right-hand staff's rows follow. */
const LEFT_HAND_ROWS = 28;

/** For each pitch class: the letters (C = 0 … B = 6) it may be spelled with and the octave shift
 * of that spelling (B♯ belongs to the octave below, C♭ to the octave above). */
const SPELLINGS: readonly (readonly [letter: number, octaveShift: number])[][] = [
  [
    [0, 0],
    [6, -1],
  ], // C, B♯
  [
    [0, 0],
    [1, 0],
  ], // C♯, D♭
  [[1, 0]], // D
  [
    [1, 0],
    [2, 0],
  ], // D♯, E♭
  [
    [2, 0],
    [3, 0],
  ], // E, F♭
  [
    [3, 0],
    [2, 0],
  ], // F, E♯
  [
    [3, 0],
    [4, 0],
  ], // F♯, G♭
  [[4, 0]], // G
  [
    [4, 0],
    [5, 0],
  ], // G♯, A♭
  [[5, 0]], // A
  [
    [5, 0],
    [6, 0],
  ], // A♯, B♭
  [
    [6, 0],
    [0, 1],
  ], // B, C♭
];

/** The staff positions, in steps of one line or space, of the ways a pitch may be spelled. */
function diatonicSteps(pitch: number): number[] {
  const octave = Math.floor(pitch / 12);
  return SPELLINGS[pitch % 12].map(([letter, shift]) => 7 * (octave + shift) + letter);
}

const A0 = diatonicSteps(21)[0];
const E3 = diatonicSteps(52)[0];

/** The rows (ascending) a notehead of this MIDI pitch fills; none outside the piano's A0–C8. */
export function staffRows(pitch: number): number[] {
  const rows = new Set<number>();
  for (const step of diatonicSteps(pitch)) {
    if (pitch >= 21 && pitch <= 67) rows.add(step - A0);
    if (pitch >= 52 && pitch <= 108) rows.add(LEFT_HAND_ROWS + step - E3);
  }
  return [...rows].sort((a, b) => a - b);
}
