// REMI tokens as a core Tokenizer, so the rest of sous (samplers.dataset, models.gpt, the
// samplers) can train and sample on them unchanged: a text is the token names separated by
// spaces ("Bar Position_0 Pitch_60 Velocity_63 Duration_4"), and the tokenizer carries the REMI
// grammar the samplers enforce.
import type { Grammar, Tokenizer } from '@sous/core';
import type { RemiState, RemiTokenizer } from './remi.js';

export class RemiVocabulary implements Tokenizer {
  private readonly ids: Map<string, number>;
  readonly grammar: Grammar<RemiState>;

  constructor(readonly remi: RemiTokenizer) {
    this.ids = new Map(remi.tokens.map((token, id) => [token.text, id]));
    this.grammar = remi.grammar;
  }

  get vocabSize(): number {
    return this.remi.vocabSize;
  }
  get bos(): number {
    return this.remi.bos;
  }
  get eos(): number {
    return this.remi.eos;
  }
  get pad(): number {
    return this.remi.pad;
  }

  /** The ids of space-separated token names; an unknown name throws, naming it. */
  encode(text: string): number[] {
    return text
      .split(/\s+/)
      .filter((name) => name.length > 0)
      .map((name) => {
        const id = this.ids.get(name);
        if (id === undefined) throw new RangeError(`unknown REMI token "${name}"`);
        return id;
      });
  }

  /** Token names separated by spaces, PAD, BOS and EOS left out (an unknown id reads "?id"). */
  decode(ids: number[]): string {
    const specials = new Set([this.pad, this.bos, this.eos]);
    return this.remi.texts(ids.filter((id) => !specials.has(id))).join(' ');
  }
}
