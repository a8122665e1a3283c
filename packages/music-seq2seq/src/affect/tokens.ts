// Lead-sheet tokens for affect-conditioned generation: the condition tokens of a sheet
// (leadsheet.ts's condTokens: VAL=…, TS=…, PHRASE=…) are the encoder's source, and the sheet
// itself is the decoder's target in REMI's words — Bar, TimeSig (first bar), Position, Pitch,
// Duration — plus one chord token (root and quality, e.g. Chord_A:min7) at the position where a
// chord starts:
//
//   Bar TimeSig_3/4 Position_0 Chord_C:maj Pitch_76 Duration_2 Position_2 Pitch_79 Duration_4 Bar …
//
// The REMI tokenizer (tokenizers/remi.ts, with velocity, tempo, program and its own chord family
// off) supplies those words, their ids and their grammar; this file adds the chord and condition
// tokens after them and one rule: a chord token may follow a Position, and what may follow the
// chord is what REMI allows after a note has ended (another note at that position, a later
// Position, Bar or EOS), so a chord may change where no melody note starts. Decoding runs that
// grammar and skips (and counts) every token it refuses, so any id sequence decodes, never throws.
import type { Grammar } from '@sous/core';
import { pitchClassNames } from '../chords.js';
import { positionsPerBar, tokenizerConfig } from '../tokenizers/config.js';
import { decodeLegal, RemiTokenizer, type DecodeReport, type RemiState } from '../tokenizers/remi.js';
import { NamedVocabulary } from '../tokenizers/vocabulary.js';
import { condTokens, type Bar, type Chord, type LeadSheet } from './leadsheet.js';
import { CHORD_QUALITIES, VALENCE_BINS, type ChordQuality, type ValenceBin } from './valence.js';

export interface LeadSheetTokenOptions {
  /** Positions per quarter note (2: eighth notes, the finest step of the synthetic rhythms). */
  beatResolution: number;
  /** Lowest and highest melody pitch. */
  pitchRange: [number, number];
  /** Longest melody note, in quarter notes. */
  maxDurationBeats: number;
  /** Meters a sheet may be in (TimeSig and TS= tokens). */
  meters: Array<[number, number]>;
  /** Phrase tokens besides VAL= and TS=, e.g. ["PHRASE=A4", "PHRASE=B4"]. */
  phrases: string[];
}

/** Where the grammar stands: REMI's state, and whether a chord was the last token read. */
export interface LeadSheetState {
  remi: RemiState;
  chord: boolean;
}

/** The conditions a source names; undefined members where the source lacks them. */
export interface SheetConditions {
  valence?: ValenceBin;
  meter?: [number, number];
  plan: string;
  barsPerPhrase?: number;
}

export class LeadSheetVocabulary extends NamedVocabulary<LeadSheetState> {
  /** Id of the first chord token: Chord_<root>:<quality>, quality-major, 12 roots each. */
  readonly firstChord: number;
  /** Id of the first condition token. */
  readonly firstCondition: number;

  constructor(readonly options: LeadSheetTokenOptions) {
    const remi = new RemiTokenizer(
      tokenizerConfig({
        beatResolution: options.beatResolution,
        ppq: 120 * options.beatResolution,
        pitchRange: options.pitchRange,
        maxDurationBeats: options.maxDurationBeats,
        timeSignatures: options.meters,
        families: { velocity: false, tempo: false, chord: false, timeSignature: true, program: false },
      }),
    );
    const chords = CHORD_QUALITIES.flatMap((quality) => pitchClassNames.map((root) => `Chord_${root}:${quality}`));
    const conditions = [
      ...VALENCE_BINS.map((bin) => `VAL=${bin}`),
      ...options.meters.map(([n, d]) => `TS=${n}/${d}`),
      ...new Set(options.phrases),
    ];
    super(remi, [...remi.tokens.map((token) => token.text), ...chords, ...conditions], 'lead-sheet');
    this.firstChord = remi.vocabSize;
    this.firstCondition = this.firstChord + chords.length;
  }

  // ---- grammar ---------------------------------------------------------------------------

  start(): LeadSheetState {
    return { remi: this.remi.start(), chord: false };
  }

  /** REMI's view of the state: right after a chord, the state after a finished note. */
  private remiView(state: LeadSheetState): RemiState {
    return state.chord ? { ...state.remi, phase: 'Duration' } : state.remi;
  }

  /** Why `id` may not follow `state`, or undefined when it may. */
  refusal(state: LeadSheetState, id: number): string | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) return 'unknown id';
    if (id >= this.firstCondition) return 'condition token in the lead sheet';
    if (id >= this.firstChord) {
      return state.remi.phase === 'Position' && !state.chord ? undefined : `Chord after ${this.phase(state)}`;
    }
    return this.remi.refusal(this.remiView(state), id);
  }

  private phase(state: LeadSheetState): string {
    return state.chord ? 'Chord' : state.remi.phase;
  }

  /** The state after a legal `id` (call refusal first). */
  advance(state: LeadSheetState, id: number): LeadSheetState {
    if (id >= this.firstChord) return { remi: state.remi, chord: true };
    return { remi: this.remi.advance(this.remiView(state), id), chord: false };
  }

  /** 1 for every id that may come next (what `refusal` accepts), 0 elsewhere. */
  legalMask(state: LeadSheetState): Uint8Array {
    const mask = new Uint8Array(this.vocabSize);
    mask.set(this.remi.legalMask(this.remiView(state)));
    if (state.remi.phase === 'Position' && !state.chord) mask.fill(1, this.firstChord, this.firstCondition);
    return mask;
  }

  /** The grammar as samplers take it; a refused token leaves the state as it was (decode skips it). */
  readonly grammar: Grammar<LeadSheetState> = {
    start: () => this.start(),
    advance: (state, id) => (this.refusal(state, id) === undefined ? this.advance(state, id) : state),
    allowed: (state) => this.legalMask(state),
  };

  // ---- encode / decode -------------------------------------------------------------------

  /** The condition tokens (source) and the sheet's tokens (target, without BOS and EOS) as names;
   * throws a RangeError naming the bar when the sheet does not fit the vocabulary's grid. */
  encodeSheet(sheet: LeadSheet): { source: string[]; target: string[] } {
    const { beatResolution: resolution, pitchRange, maxDurationBeats } = this.options;
    const [n, d] = sheet.meter;
    if (!this.options.meters.some(([a, b]) => a === n && b === d)) {
      throw new RangeError(`meter ${n}/${d} is not one of the vocabulary's`);
    }
    const barPositions = positionsPerBar(this.remi.config, n, d);
    const positions = (beats: number, what: string, bar: number) => {
      const p = beats * resolution;
      if (!Number.isInteger(p))
        throw new RangeError(`bar ${bar + 1}: ${what} ${beats} is off the grid of 1/${resolution} beat`);
      return p;
    };
    const target: string[] = [];
    sheet.bars.forEach((bar, b) => {
      target.push('Bar');
      if (b === 0) target.push(`TimeSig_${n}/${d}`);
      const events = new Map<number, string[]>();
      const at = (p: number, what: string) => {
        if (p >= barPositions) throw new RangeError(`bar ${b + 1}: a ${what} starts past the end of the bar`);
        const list = events.get(p) ?? [];
        events.set(p, list);
        return list;
      };
      let onset = 0;
      for (const chord of bar.chords) {
        at(positions(onset, 'chord onset', b), 'chord').push(`Chord_${pitchClassNames[chord.root]}:${chord.quality}`);
        onset += chord.beats;
      }
      onset = 0;
      for (const note of bar.melody) {
        const duration = positions(note.beats, 'note length', b);
        if (duration < 1 || duration > maxDurationBeats * resolution) {
          throw new RangeError(
            `bar ${b + 1}: a note of ${note.beats} beats is outside 1/${resolution}–${maxDurationBeats}`,
          );
        }
        if (note.pitch < pitchRange[0] || note.pitch > pitchRange[1]) {
          throw new RangeError(`bar ${b + 1}: pitch ${note.pitch} is outside ${pitchRange[0]}–${pitchRange[1]}`);
        }
        at(positions(onset, 'note onset', b), 'note').push(`Pitch_${note.pitch}`, `Duration_${duration}`);
        onset += note.beats;
      }
      for (const p of [...events.keys()].sort((x, y) => x - y)) target.push(`Position_${p}`, ...events.get(p)!);
    });
    return { source: condTokens(sheet), target };
  }

  /** The conditions named by source ids (tokens that are not condition tokens are ignored). */
  conditions(source: ArrayLike<number>): SheetConditions {
    const found: SheetConditions = { plan: '' };
    for (const name of this.texts(Array.from(source).filter((id) => id >= this.firstCondition))) {
      const [kind, value] = name.split('=');
      if (kind === 'VAL') found.valence = value as ValenceBin;
      else if (kind === 'TS') found.meter = value.split('/').map(Number) as [number, number];
      else if (kind === 'PHRASE') {
        found.plan += value[0];
        found.barsPerPhrase ??= Number(value.slice(1));
      }
    }
    return found;
  }

  /** The bars `ids` describe (melody notes in the order read, each chord lasting to the next chord
   * of its bar or the bar's end); refused tokens are skipped and counted, never thrown. */
  decodeBars(ids: ArrayLike<number>): { bars: Bar[]; report: DecodeReport } {
    const resolution = this.options.beatResolution;
    const bars: Array<{
      positions: number;
      chords: Array<{ root: number; quality: ChordQuality; at: number }>;
      melody: Bar['melody'];
    }> = [];
    let position = 0,
      pitch = 0;
    const { report, state: last } = decodeLegal(this, ids, (id, state) => {
      const bar = bars[bars.length - 1];
      if (id >= this.firstChord) {
        const chord = id - this.firstChord;
        bar.chords.push({ root: chord % 12, quality: CHORD_QUALITIES[Math.floor(chord / 12)], at: position });
        return;
      }
      const token = this.remi.tokens[id];
      if (token.family === 'Bar') bars.push({ positions: state.remi.barPositions, chords: [], melody: [] });
      else if (token.family === 'TimeSig') bar.positions = state.remi.barPositions;
      else if (token.family === 'Position') position = token.index;
      else if (token.family === 'Pitch') pitch = this.remi.config.pitchRange[0] + token.index;
      else if (token.family === 'Duration') bar.melody.push({ pitch, beats: (token.index + 1) / resolution });
    });
    if (last.remi.phase === 'Pitch') report.unfinished++;
    return {
      bars: bars.map(({ positions, chords, melody }) => ({
        chords: chords.map(
          ({ root, quality, at }, j): Chord => ({
            root,
            quality,
            beats: ((chords[j + 1]?.at ?? positions) - at) / resolution,
          }),
        ),
        melody,
      })),
      report,
    };
  }

  /** The lead sheet of a source (conditions) and a target (its tokens after the start token), or
   * undefined when the source lacks a valence or meter condition. */
  decodeSheet(
    source: ArrayLike<number>,
    target: ArrayLike<number>,
  ): { sheet: LeadSheet; report: DecodeReport } | undefined {
    const { valence, meter, plan, barsPerPhrase } = this.conditions(source);
    if (valence === undefined || meter === undefined) return undefined;
    const { bars, report } = this.decodeBars(target);
    return { sheet: { valence, meter, plan, barsPerPhrase: barsPerPhrase ?? 0, bars }, report };
  }
}
