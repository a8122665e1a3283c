// The controllability metrics of "Generating Lead Sheets with Affect" (Makris et al., 2021):
// valence accuracy, meter adherence, and the KL divergence between chord-quality histograms.
import { barBeats, type LeadSheet } from './leadsheet.js';
import { CHORD_QUALITIES, progressionValence, valenceBin } from './valence.js';

/** acc_val: share of sheets whose progression valence falls in the bin they were conditioned on. */
export function valenceAccuracy(sheets: readonly LeadSheet[], thresholds: readonly [number, number]): number {
  const hits = sheets.filter(
    (sheet) => valenceBin(progressionValence(sheet.bars.flatMap((bar) => bar.chords)), thresholds) === sheet.valence,
  );
  return hits.length / sheets.length;
}

/** Share of bars (over all sheets) whose melody durations sum to the bar length of the meter. */
export function meterAdherence(sheets: readonly LeadSheet[]): number {
  let bars = 0;
  let kept = 0;
  for (const sheet of sheets)
    for (const bar of sheet.bars) {
      bars++;
      const beats = bar.melody.reduce((sum, note) => sum + note.beats, 0);
      if (Math.abs(beats - barBeats(sheet.meter)) < 1e-9) kept++;
    }
  return kept / bars;
}

/** Share of chords of each quality, in CHORD_QUALITIES order, each count plus `smoothing`. */
export function qualityHistogram(sheets: readonly LeadSheet[], smoothing: number): number[] {
  const counts = CHORD_QUALITIES.map(() => smoothing);
  for (const sheet of sheets)
    for (const bar of sheet.bars) for (const chord of bar.chords) counts[CHORD_QUALITIES.indexOf(chord.quality)]++;
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((count) => count / total);
}

/** KL(P_generated ‖ P_reference) = Σ p log(p / q) in nats over chord qualities (0 log 0 = 0);
 * `smoothing` is added to every count so a quality missing from the reference stays finite. */
export function qualityKl(generated: readonly LeadSheet[], reference: readonly LeadSheet[], smoothing: number): number {
  const q = qualityHistogram(reference, smoothing);
  return qualityHistogram(generated, smoothing).reduce((sum, p, i) => (p > 0 ? sum + p * Math.log(p / q[i]) : sum), 0);
}
