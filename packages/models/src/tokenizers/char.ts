// A character-level tokenizer for synthetic tasks (arithmetic, toy languages): one id per
// character of a fixed alphabet, after three special tokens.
import { SousError, type Tokenizer } from '@sous/core';

/** Special token ids of every CharTokenizer; alphabet characters follow from id 3. */
export const CHAR_SPECIAL_IDS = { pad: 0, bos: 1, eos: 2 } as const;
const FIRST_CHAR_ID = 3;

export class CharTokenizer implements Tokenizer {
  readonly pad = CHAR_SPECIAL_IDS.pad;
  readonly bos = CHAR_SPECIAL_IDS.bos;
  readonly eos = CHAR_SPECIAL_IDS.eos;
  readonly vocabSize: number;
  /** The alphabet, one entry per character (code point), in id order from id 3. */
  readonly chars: readonly string[];
  private readonly idOf: Map<string, number>;

  /** `alphabet`: every character the text may contain, each once (e.g. "0123456789+-="). */
  constructor(alphabet: string) {
    this.chars = Array.from(alphabet);
    if (this.chars.length === 0) throw new SousError('CharTokenizer: the alphabet is empty');
    this.idOf = new Map();
    this.chars.forEach((char, index) => {
      if (this.idOf.has(char)) {
        throw new SousError(`CharTokenizer: the alphabet lists the character ${JSON.stringify(char)} twice`);
      }
      this.idOf.set(char, FIRST_CHAR_ID + index);
    });
    this.vocabSize = FIRST_CHAR_ID + this.chars.length;
  }

  /** Ids of `text`'s characters (no bos/eos added). */
  encode(text: string): number[] {
    const ids: number[] = [];
    let column = 0;
    for (const char of text) {
      const id = this.idOf.get(char);
      if (id === undefined) {
        throw new SousError(
          `CharTokenizer: unknown character ${JSON.stringify(char)} at position ${column} of ` +
            `${JSON.stringify(text)}; the alphabet is ${JSON.stringify(this.chars.join(''))}`,
        );
      }
      ids.push(id);
      column++;
    }
    return ids;
  }

  /** Text of `ids`; the special tokens (pad, bos, eos) decode to nothing. */
  decode(ids: number[]): string {
    let text = '';
    for (const id of ids) {
      if (id === this.pad || id === this.bos || id === this.eos) continue;
      const char = this.chars[id - FIRST_CHAR_ID];
      if (!Number.isInteger(id) || char === undefined) {
        throw new SousError(`CharTokenizer: token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
      }
      text += char;
    }
    return text;
  }
}
