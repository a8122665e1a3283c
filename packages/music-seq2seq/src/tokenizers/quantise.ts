// Quantisation: the piece a tokenizer can express exactly, so that decode(encode(p)) equals
// quantise(p). Times snap to the grid (ppq/beatResolution ticks) and are rescaled to the config's
// ppq; durations clamp to one position … maxDurationBeats; pitches outside the range are dropped;
// velocities and tempos take their nearest bin; a meter change moves to the nearest bar line of the
// meter before it (a meter the config does not list becomes 4/4); repeated tempos and meters are
// dropped. Tracks merge by program (drums apart, after the others); with the program family off,
// all melodic tracks merge into one piano track and drums are dropped. A disabled family fixes its
// value: velocity 100, tempo 120 bpm, meter 4/4.
import type { Note, Piece, TempoChange, TimeSignatureChange, Track } from '../piece.js';
import {
  nearestBin,
  positionsPerBar,
  tempoValue,
  ticksPerPosition,
  velocityValue,
  type TokenizerConfig,
} from './config.js';

export const defaultVelocity = 100;
export const defaultTempo = 120;

/** The program key of a track: its program, or -1 for drums. */
export const programKey = (track: Pick<Track, 'program' | 'isDrum'>) => (track.isDrum ? -1 : track.program);

/** Canonical track for a program key (tokens carry no track names). */
export function trackFor(key: number, notes: Note[]): Track {
  return { name: key < 0 ? 'drums' : `program ${key}`, program: Math.max(0, key), isDrum: key < 0, notes };
}

/** Tracks ordered by key, melodic first then drums; notes by start, pitch, duration, velocity. */
export function canonicalTracks(byKey: Map<number, Note[]>): Track[] {
  const order = (key: number) => (key < 0 ? 1000 : key);
  return [...byKey.entries()]
    .filter(([, notes]) => notes.length > 0)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, notes]) =>
      trackFor(
        key,
        notes.sort(
          (a, b) => a.start - b.start || a.pitch - b.pitch || a.duration - b.duration || a.velocity - b.velocity,
        ),
      ),
    );
}

export function quantise(piece: Piece, config: TokenizerConfig): Piece {
  if (!(piece.ppq > 0)) throw new RangeError(`quantise: ppq must be positive, got ${piece.ppq}`);
  const step = ticksPerPosition(config);
  const toGrid = (tick: number) => Math.round((tick * config.beatResolution) / piece.ppq);
  const maxSteps = config.maxDurationBeats * config.beatResolution;
  const byKey = new Map<number, Note[]>();
  for (const track of piece.tracks) {
    if (track.isDrum && !config.families.program) continue;
    const key = config.families.program ? programKey(track) : 0;
    const notes = byKey.get(key) ?? [];
    byKey.set(key, notes);
    for (const note of track.notes) {
      if (note.pitch < config.pitchRange[0] || note.pitch > config.pitchRange[1]) continue;
      const start = toGrid(note.start);
      const steps = Math.min(maxSteps, Math.max(1, toGrid(note.start + note.duration) - start));
      const velocity = config.families.velocity
        ? velocityValue(
            config,
            nearestBin(config.velocityBins, (b) => velocityValue(config, b), note.velocity),
          )
        : defaultVelocity;
      notes.push({ pitch: note.pitch, velocity, start: start * step, duration: steps * step });
    }
  }
  return {
    ppq: config.ppq,
    tempos: quantiseTempos(piece.tempos, config, toGrid, step),
    timeSignatures: quantiseMeters(piece.timeSignatures, config, toGrid, step),
    tracks: canonicalTracks(byKey),
  };
}

function quantiseTempos(
  tempos: TempoChange[],
  config: TokenizerConfig,
  toGrid: (tick: number) => number,
  step: number,
): TempoChange[] {
  if (!config.families.tempo) return [{ tick: 0, bpm: defaultTempo }];
  const bin = (bpm: number) =>
    tempoValue(
      config,
      nearestBin(config.tempoBins, (b) => tempoValue(config, b), bpm),
    );
  const sorted = [...tempos].sort((a, b) => a.tick - b.tick);
  const atZero = sorted.length > 0 && toGrid(sorted[0].tick) === 0 ? [] : [{ tick: 0, bpm: defaultTempo }];
  const out: TempoChange[] = [];
  for (const tempo of [...atZero, ...sorted]) {
    const change = { tick: toGrid(tempo.tick) * step, bpm: bin(tempo.bpm) };
    if (out.length > 0 && out[out.length - 1].tick === change.tick) out.pop(); // the last at a tick wins
    if (out.length === 0 || out[out.length - 1].bpm !== change.bpm) out.push(change);
  }
  return out;
}

function quantiseMeters(
  meters: TimeSignatureChange[],
  config: TokenizerConfig,
  toGrid: (tick: number) => number,
  step: number,
): TimeSignatureChange[] {
  const fourFour = { tick: 0, numerator: 4, denominator: 4 };
  if (!config.families.timeSignature) return [fourFour];
  const known = (m: TimeSignatureChange) =>
    config.timeSignatures.some(([n, d]) => n === m.numerator && d === m.denominator);
  const sorted = [...meters]
    .sort((a, b) => a.tick - b.tick)
    .map((m) => (known(m) ? m : { ...m, numerator: 4, denominator: 4 }));
  const out: TimeSignatureChange[] = [fourFour];
  for (const meter of sorted) {
    const current = out[out.length - 1];
    const bar = positionsPerBar(config, current.numerator, current.denominator);
    const barStart = current.tick / step;
    const bars = Math.max(0, Math.round((toGrid(meter.tick) - barStart) / bar));
    const change = { tick: (barStart + bars * bar) * step, numerator: meter.numerator, denominator: meter.denominator };
    if (change.tick === current.tick) out.pop();
    const previous = out[out.length - 1];
    if (
      previous === undefined ||
      previous.numerator !== change.numerator ||
      previous.denominator !== change.denominator
    ) {
      out.push(change);
    }
  }
  return out;
}
