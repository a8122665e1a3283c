// REMI tokens (Huang & Yang 2020): a piece as a flat sequence of Bar, TimeSig, Position, Tempo,
// Chord, Program, Pitch, Velocity and Duration tokens, in MidiTok's order. The grammar below is the
// one source of truth for what may follow what: `decode` runs it and skips (and counts) every token
// it refuses, so decoding any id sequence never throws, and a sampler that draws only from
// `legalMask(state)` (`grammar`, with the state carried per sequence) produces sequences that
// decode with no token skipped.
import { maxOf, type Grammar } from '@sous/core';
import { chordQualities, detectChord, pitchClassNames } from '../chords.js';
import type { Note, Piece, TempoChange, TimeSignatureChange } from '../piece.js';
import {
  nearestBin,
  positionsPerBar,
  tempoValue,
  ticksPerPosition,
  velocityValue,
  type TokenizerConfig,
} from './config.js';
import { canonicalTracks, defaultTempo, defaultVelocity, programKey, quantise } from './quantise.js';

/** The texts of the theme-region flags (families.theme). */
export const THEME_START = 'Theme_start';
export const THEME_END = 'Theme_end';

export type Family =
  | 'PAD'
  | 'BOS'
  | 'EOS'
  | 'Bar'
  | 'TimeSig'
  | 'Position'
  | 'Tempo'
  | 'Chord'
  | 'Program'
  | 'Pitch'
  | 'Velocity'
  | 'Duration'
  | 'Theme';

/** One vocabulary entry: its family and its value's index within the family. */
export interface TokenInfo {
  family: Family;
  index: number;
  text: string;
}

/** Where the grammar stands: the family of the last token and the bar it is in. */
export interface RemiState {
  phase: 'start' | Exclude<Family, 'PAD' | 'BOS' | 'EOS'> | 'end';
  /** The current meter's positions per bar. */
  barPositions: number;
  /** The last Position in this bar (-1 right after Bar). */
  position: number;
  /** Tokens read so far (BOS is legal only first, or after the end of a sequence). */
  read: number;
  /** Inside a theme region (after Theme_start, before Theme_end). */
  region?: boolean;
}

/** What decode skipped: how many tokens, and how many of each reason. */
export interface DecodeReport {
  illegal: number;
  reasons: Record<string, number>;
  /** A note whose Pitch was read but whose Duration never came (the sequence ended). */
  unfinished: number;
}

/** What decoding asks of a token grammar: where it starts, why it refuses a token (undefined when
 * it accepts it), and the state after a token it accepts. */
export interface DecodingGrammar<S> {
  start(): S;
  refusal(state: S, id: number): string | undefined;
  advance(state: S, id: number): S;
}

/** Reads `ids` through `grammar` from its start: a token it refuses is skipped and counted in the
 * report (never thrown), and `visit` gets each accepted token with the states after and before it.
 * Returns the report (`unfinished` 0: what counts as unfinished is the caller's) and the last state. */
export function decodeLegal<S>(
  grammar: DecodingGrammar<S>,
  ids: ArrayLike<number>,
  visit: (id: number, state: S, previous: S) => void,
): { report: DecodeReport; state: S } {
  const report: DecodeReport = { illegal: 0, reasons: {}, unfinished: 0 };
  let state = grammar.start();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const why = grammar.refusal(state, id);
    if (why !== undefined) {
      report.illegal++;
      report.reasons[why] = (report.reasons[why] ?? 0) + 1;
      continue;
    }
    const previous = state;
    state = grammar.advance(state, id);
    visit(id, state, previous);
  }
  return { report, state };
}

export class RemiTokenizer {
  readonly tokens: TokenInfo[] = [];
  private readonly first = new Map<Family, number>();
  private readonly size = new Map<Family, number>();

  constructor(readonly config: TokenizerConfig) {
    const f = config.families;
    const add = (family: Family, texts: string[]) => {
      this.first.set(family, this.tokens.length);
      this.size.set(family, texts.length);
      texts.forEach((text, index) => this.tokens.push({ family, index, text }));
    };
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    add('PAD', ['PAD']);
    add('BOS', ['BOS']);
    add('EOS', ['EOS']);
    add('Bar', ['Bar']);
    if (f.timeSignature)
      add(
        'TimeSig',
        config.timeSignatures.map(([n, d]) => `TimeSig_${n}/${d}`),
      );
    const maxBar = maxOf([[4, 4], ...config.timeSignatures].map(([n, d]) => positionsPerBar(config, n, d)));
    add(
      'Position',
      range(maxBar).map((p) => `Position_${p}`),
    );
    if (f.tempo)
      add(
        'Tempo',
        range(config.tempoBins).map((b) => `Tempo_${+tempoValue(config, b).toFixed(2)}`),
      );
    if (f.chord) {
      add(
        'Chord',
        Object.keys(chordQualities).flatMap((q) => pitchClassNames.map((root) => `Chord_${root}:${q}`)),
      );
    }
    if (f.program) add('Program', [...range(128).map((p) => `Program_${p}`), 'Program_drums']);
    const [low, high] = config.pitchRange;
    add(
      'Pitch',
      range(high - low + 1).map((i) => `Pitch_${low + i}`),
    );
    if (f.velocity)
      add(
        'Velocity',
        range(config.velocityBins).map((b) => `Velocity_${velocityValue(config, b)}`),
      );
    add(
      'Duration',
      range(config.maxDurationBeats * config.beatResolution).map((d) => `Duration_${d + 1}`),
    );
    // Last, so that turning the flags on changes no other token's id.
    if (f.theme) add('Theme', [THEME_START, THEME_END]);
  }

  get vocabSize(): number {
    return this.tokens.length;
  }

  /** The id of a family's index-th token (throws for a family this config has off). */
  id(family: Family, index = 0): number {
    const first = this.first.get(family);
    if (first === undefined || index < 0 || index >= (this.size.get(family) ?? 0)) {
      throw new RangeError(`no ${family} token ${index} in this vocabulary`);
    }
    return first + index;
  }

  get pad() {
    return this.id('PAD');
  }
  get bos() {
    return this.id('BOS');
  }
  get eos() {
    return this.id('EOS');
  }

  // ---- grammar ---------------------------------------------------------------------------

  start(): RemiState {
    return { phase: 'start', barPositions: positionsPerBar(this.config, 4, 4), position: -1, read: 0 };
  }

  /** The families that may follow `state` (Position also only after the last one, within the bar). */
  private following(state: RemiState): readonly Family[] {
    const f = this.config.families;
    const note = f.program ? 'Program' : 'Pitch';
    switch (state.phase) {
      case 'start':
        return state.read === 0 ? ['BOS', 'Bar', 'EOS'] : ['Bar', 'EOS'];
      case 'Bar':
        return ['Bar', 'TimeSig', 'Position', 'EOS'];
      case 'TimeSig':
        return ['Bar', 'Position', 'EOS'];
      case 'Position':
        return ['Tempo', 'Chord', note];
      case 'Tempo':
        return ['Chord', note, 'Position', 'Bar', 'EOS'];
      case 'Chord':
        return [note];
      case 'Program':
        return ['Pitch'];
      case 'Pitch':
        return [f.velocity ? 'Velocity' : 'Duration'];
      case 'Velocity':
        return ['Duration'];
      case 'Duration':
        return [note, 'Position', 'Bar', 'EOS'];
      case 'Theme':
        return state.region ? ['Bar'] : ['Bar', 'EOS'];
      case 'end':
        return ['PAD', 'BOS'];
    }
  }

  /** Whether theme flag `index` (0 opens, 1 closes) may follow `state`: a region opens where a Bar
   * may come and closes where a Bar or EOS may come after at least one token inside it. */
  private flagAllowed(state: RemiState, index: number): boolean {
    if (!this.config.families.theme || state.phase === 'end') return false;
    const barNext = this.following(state).includes('Bar');
    return index === 0 ? barNext && !state.region : barNext && state.region === true && state.phase !== 'Theme';
  }

  /** Why `id` may not follow `state`, or undefined when it may. */
  refusal(state: RemiState, id: number): string | undefined {
    const token = this.tokens[id];
    if (token === undefined) return 'unknown id';
    if (token.family === 'Theme')
      return this.flagAllowed(state, token.index) ? undefined : `${token.text} after ${state.phase}`;
    if (token.family === 'EOS' && state.region) return 'EOS inside a theme region';
    if (!this.following(state).includes(token.family)) return `${token.family} after ${state.phase}`;
    if (token.family === 'Position' && (token.index <= state.position || token.index >= state.barPositions)) {
      return token.index >= state.barPositions ? 'Position past the bar' : 'Position not after the last';
    }
    return undefined;
  }

  /** The state after a legal `id` (call refusal first). */
  advance(state: RemiState, id: number): RemiState {
    const token = this.tokens[id];
    const next = { ...state, read: state.read + 1 };
    switch (token.family) {
      case 'BOS':
        // A sequence starts (again: a packed seq2seq row holds the source's and the target's).
        return { ...this.start(), read: 1 };
      case 'Theme':
        return { ...next, phase: 'Theme', region: token.index === 0 };
      case 'EOS':
      case 'PAD':
        return { ...next, phase: 'end' };
      case 'Bar':
        return { ...next, phase: 'Bar', position: -1 };
      case 'TimeSig': {
        const [n, d] = this.config.timeSignatures[token.index];
        return { ...next, phase: 'TimeSig', barPositions: positionsPerBar(this.config, n, d) };
      }
      case 'Position':
        return { ...next, phase: 'Position', position: token.index };
      default:
        return { ...next, phase: token.family };
    }
  }

  /** 1 for every id that may come next, 0 elsewhere: the mask a grammar-constrained sampler uses
   * (what `refusal` accepts, computed family by family). */
  legalMask(state: RemiState): Uint8Array {
    const mask = new Uint8Array(this.vocabSize);
    for (const family of this.following(state)) {
      if (family === 'EOS' && state.region) continue;
      const first = this.first.get(family);
      if (first === undefined) continue;
      const size = this.size.get(family) ?? 0;
      const from = family === 'Position' ? state.position + 1 : 0;
      const to = family === 'Position' ? Math.min(size, state.barPositions) : size;
      mask.fill(1, first + Math.max(from, 0), first + Math.max(to, from));
    }
    for (const index of [0, 1]) if (this.flagAllowed(state, index)) mask[this.id('Theme', index)] = 1;
    return mask;
  }

  /** The grammar as samplers take it: the state carried per sequence, a refused token skipped
   * (as decode skips it), so each step costs one mask however long the sequence is. */
  readonly grammar: Grammar<RemiState> = {
    start: () => this.start(),
    advance: (state, id) => (this.refusal(state, id) === undefined ? this.advance(state, id) : state),
    allowed: (state) => this.legalMask(state),
  };

  // ---- encode / decode -------------------------------------------------------------------

  /** BOS, the piece's tokens (after quantise), EOS. */
  encode(piece: Piece): number[] {
    const config = this.config;
    const q = quantise(piece, config);
    const step = ticksPerPosition(config);
    const f = config.families;
    interface Event {
      position: number;
      tempo?: number;
      note?: Note & { key: number };
    }
    const events: Event[] = [];
    if (f.tempo) for (const t of q.tempos) events.push({ position: t.tick / step, tempo: t.bpm });
    q.tracks.forEach((track) => {
      for (const note of track.notes)
        events.push({ position: note.start / step, note: { ...note, key: programKey(track) } });
    });
    // Bars of the quantised meter map, up to the last event or meter change.
    const meters = q.timeSignatures;
    const last = maxOf([0, ...events.map((e) => e.position), ...meters.map((m) => m.tick / step)]);
    const bars: Array<{ start: number; length: number; meter?: TimeSignatureChange }> = [];
    for (let start = 0, m = 0; start <= last; ) {
      while (m + 1 < meters.length && meters[m + 1].tick / step <= start) m++;
      const length = positionsPerBar(config, meters[m].numerator, meters[m].denominator);
      bars.push({ start, length, meter: meters[m].tick / step === start ? meters[m] : undefined });
      start += length;
    }
    const ids = [this.bos];
    let e = 0;
    events.sort((a, b) => a.position - b.position || (a.tempo === undefined ? 1 : 0) - (b.tempo === undefined ? 1 : 0));
    for (const bar of bars) {
      ids.push(this.id('Bar'));
      if (
        f.timeSignature &&
        bar.meter &&
        !(bar.start === 0 && bar.meter.numerator === 4 && bar.meter.denominator === 4)
      ) {
        ids.push(
          this.id(
            'TimeSig',
            config.timeSignatures.findIndex(([n, d]) => n === bar.meter!.numerator && d === bar.meter!.denominator),
          ),
        );
      }
      while (e < events.length && events[e].position < bar.start + bar.length) {
        const position = events[e].position;
        const here: Event[] = [];
        while (e < events.length && events[e].position === position) here.push(events[e++]);
        const tempo = here.find((x) => x.tempo !== undefined)?.tempo;
        const notes = here.flatMap((x) => (x.note ? [x.note] : []));
        ids.push(this.id('Position', position - bar.start));
        if (tempo !== undefined) {
          ids.push(
            this.id(
              'Tempo',
              nearestBin(config.tempoBins, (b) => tempoValue(config, b), tempo),
            ),
          );
        }
        if (f.chord) {
          const chord = detectChord(notes.filter((n) => n.key >= 0).map((n) => n.pitch));
          if (chord) ids.push(this.id('Chord', Object.keys(chordQualities).indexOf(chord.quality) * 12 + chord.root));
        }
        for (const note of notes) {
          if (f.program) ids.push(this.id('Program', note.key < 0 ? 128 : note.key));
          ids.push(this.id('Pitch', note.pitch - config.pitchRange[0]));
          if (f.velocity) {
            ids.push(
              this.id(
                'Velocity',
                nearestBin(config.velocityBins, (b) => velocityValue(config, b), note.velocity),
              ),
            );
          }
          ids.push(this.id('Duration', note.duration / step - 1));
        }
      }
    }
    ids.push(this.eos);
    return ids;
  }

  /** The piece `ids` describe; tokens the grammar refuses are skipped and counted, never thrown. */
  decode(ids: ArrayLike<number>): { piece: Piece; report: DecodeReport } {
    const config = this.config;
    const step = ticksPerPosition(config);
    const tempos: TempoChange[] = [];
    const meters: TimeSignatureChange[] = [];
    const byKey = new Map<number, Note[]>();
    let barStart = -1,
      barLength = 0,
      tick = 0,
      key = 0,
      pitch = -1,
      velocity = defaultVelocity;
    const { report, state: last } = decodeLegal(this, ids, (id, state, previous) => {
      const token = this.tokens[id];
      switch (token.family) {
        case 'Bar':
          barStart = barStart < 0 ? 0 : barStart + barLength;
          barLength = previous.barPositions;
          tick = barStart * step;
          break;
        case 'TimeSig': {
          const [numerator, denominator] = config.timeSignatures[token.index];
          barLength = state.barPositions;
          if (meters.length > 0 && meters[meters.length - 1].tick === barStart * step) meters.pop();
          meters.push({ tick: barStart * step, numerator, denominator });
          break;
        }
        case 'Position':
          tick = (barStart + token.index) * step;
          break;
        case 'Tempo':
          tempos.push({ tick, bpm: tempoValue(config, token.index) });
          break;
        case 'Program':
          key = token.index === 128 ? -1 : token.index;
          break;
        case 'Pitch':
          pitch = config.pitchRange[0] + token.index;
          velocity = defaultVelocity;
          break;
        case 'Velocity':
          velocity = velocityValue(config, token.index);
          break;
        case 'Duration': {
          const notes = byKey.get(key) ?? [];
          byKey.set(key, notes);
          notes.push({ pitch, velocity, start: tick, duration: (token.index + 1) * step });
          break;
        }
        default:
          break;
      }
    });
    if (last.phase === 'Pitch' || last.phase === 'Velocity' || last.phase === 'Program') report.unfinished++;
    return {
      piece: {
        ppq: config.ppq,
        tempos: normaliseMap(
          tempos,
          {
            tick: 0,
            bpm: config.families.tempo
              ? tempoValue(
                  config,
                  nearestBin(config.tempoBins, (b) => tempoValue(config, b), defaultTempo),
                )
              : defaultTempo,
          },
          (a, b) => a.bpm === b.bpm,
        ),
        timeSignatures: normaliseMap(
          meters,
          { tick: 0, numerator: 4, denominator: 4 },
          (a, b) => a.numerator === b.numerator && a.denominator === b.denominator,
        ),
        tracks: canonicalTracks(byKey),
      },
      report,
    };
  }

  /** The token texts of ids (for reading and debugging). */
  texts(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => this.tokens[id]?.text ?? `?${id}`);
  }
}

/** A map starting at tick 0 (`initial` when nothing is there), the last change at a tick kept,
 * changes that repeat the value before them dropped. */
function normaliseMap<T extends { tick: number }>(changes: T[], initial: T, same: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const change of changes.length > 0 && changes[0].tick === 0 ? changes : [initial, ...changes]) {
    if (out.length > 0 && out[out.length - 1].tick === change.tick) out.pop();
    if (out.length === 0 || !same(out[out.length - 1], change)) out.push(change);
  }
  return out;
}
