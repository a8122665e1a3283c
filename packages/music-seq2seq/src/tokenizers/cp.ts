// Compound-word tokens (CP, Hsiao et al. 2021): REMI's tokens grouped per event into one word of
// fields — a metrical word (Bar with its TimeSig, or Position with its Tempo and Chord) or a note
// word (Program, Pitch, Velocity, Duration) — so a model predicts one word per step with one head
// per field. Field value 0 is "ignore"; v > 0 is the field's (v−1)-th REMI token. Words are built
// from and read back through the REMI grammar, so the round trip and the never-throwing decode are
// REMI's: a word whose tokens the grammar refuses is skipped whole and counted.
import type { Piece } from '../piece.js';
import { RemiTokenizer, type DecodeReport, type Family } from './remi.js';
import type { TokenizerConfig } from './config.js';

/** Word families, the value of field 0. */
export const wordFamilies = ['PAD', 'BOS', 'EOS', 'Bar', 'Position', 'Note'] as const;
/** The fields after the family, each a REMI family. */
export const wordFields: Family[] = [
  'TimeSig',
  'Position',
  'Tempo',
  'Chord',
  'Program',
  'Pitch',
  'Velocity',
  'Duration',
];

/** One word: [family, then one value per field of wordFields]. */
export type CpWord = number[];

export class CpTokenizer {
  readonly remi: RemiTokenizer;
  /** Vocabulary size of each field, family first (what a model's output heads need). */
  readonly fieldSizes: number[];

  constructor(config: TokenizerConfig) {
    this.remi = new RemiTokenizer(config);
    this.fieldSizes = [
      wordFamilies.length,
      ...wordFields.map((family) => 1 + this.remi.tokens.filter((t) => t.family === family).length),
    ];
  }

  encode(piece: Piece): CpWord[] {
    const words: CpWord[] = [];
    let word: CpWord | undefined;
    for (const id of this.remi.encode(piece)) {
      const token = this.remi.tokens[id];
      const starts =
        token.family === 'Bar' ||
        token.family === 'Position' ||
        token.family === 'BOS' ||
        token.family === 'EOS' ||
        (token.family === 'Pitch' && !this.remi.config.families.program) ||
        token.family === 'Program';
      if (starts) {
        const family = token.family === 'Program' || token.family === 'Pitch' ? 'Note' : token.family;
        word = [wordFamilies.indexOf(family as (typeof wordFamilies)[number]), ...wordFields.map(() => 0)];
        words.push(word);
      }
      const field = wordFields.indexOf(token.family);
      if (field >= 0 && word) word[1 + field] = token.index + 1;
    }
    return words;
  }

  /** The REMI ids of one word, in grammar order, or a reason it is malformed. */
  private remiIds(word: CpWord): number[] | string {
    const family = wordFamilies[word[0]];
    if (family === undefined || word.length !== 1 + wordFields.length) return 'malformed word';
    const value = (field: Family) => word[1 + wordFields.indexOf(field)];
    const ids: number[] = [];
    const take = (field: Family, required: boolean): string | undefined => {
      const v = value(field);
      if (v === 0) return required ? `${family} word without ${field}` : undefined;
      if (!Number.isInteger(v) || v < 0 || v >= this.fieldSizes[1 + wordFields.indexOf(field)])
        return `${field} out of range`;
      ids.push(this.remi.id(field, v - 1));
      return undefined;
    };
    const f = this.remi.config.families;
    const fields: Array<[Family, boolean]> =
      family === 'Bar'
        ? [['TimeSig', false]]
        : family === 'Position'
          ? [
              ['Position', true],
              ['Tempo', false],
              ['Chord', false],
            ]
          : family === 'Note'
            ? [
                ['Program', f.program],
                ['Pitch', true],
                ['Velocity', f.velocity],
                ['Duration', true],
              ]
            : [];
    if (family === 'PAD' || family === 'BOS' || family === 'EOS') ids.push(this.remi.id(family));
    if (family === 'Bar') ids.push(this.remi.id('Bar'));
    const used = new Set(fields.map(([field]) => field));
    if (wordFields.some((field) => !used.has(field) && value(field) !== 0))
      return `${family} word with fields it does not take`;
    for (const [field, required] of fields) {
      const why = take(field, required);
      if (why) return why;
    }
    return ids;
  }

  /** The piece the words describe; malformed or ungrammatical words are skipped and counted. */
  decode(words: CpWord[]): { piece: Piece; report: DecodeReport } {
    const remi = this.remi;
    const kept: number[] = [];
    const report: DecodeReport = { illegal: 0, reasons: {}, unfinished: 0 };
    let state = remi.start();
    for (const word of words) {
      const ids = this.remiIds(word);
      let why = typeof ids === 'string' ? ids : undefined;
      let next = state;
      for (const id of typeof ids === 'string' ? [] : ids) {
        why ??= remi.refusal(next, id);
        if (why === undefined) next = remi.advance(next, id);
      }
      if (why !== undefined || typeof ids === 'string') {
        const reason = why ?? 'malformed word';
        report.illegal++;
        report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
        continue;
      }
      for (const id of ids) kept.push(id);
      state = next;
    }
    return { piece: remi.decode(kept).piece, report };
  }
}
