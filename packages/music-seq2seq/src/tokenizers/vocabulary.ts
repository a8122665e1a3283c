// REMI tokens as a core Tokenizer, so the rest of sous (samplers.dataset, models.gpt, the
// samplers) can train and sample on them unchanged: a text is the token names separated by
// spaces ("Bar Position_0 Pitch_60 Velocity_63 Duration_4"), and the tokenizer carries the REMI
// grammar the samplers enforce.
import type { Grammar, Tokenizer } from '@sous/core';
import type { RemiState, RemiTokenizer } from './remi.js';

/** A vocabulary of token names over a REMI tokenizer: REMI's own names first (so REMI's ids and its
 * PAD, BOS and EOS stay), then any a subclass adds; a text is the names separated by spaces. */
export abstract class NamedVocabulary<S> implements Tokenizer {
  private readonly ids: Map<string, number>;
  abstract readonly grammar: Grammar<S>;

  /** `what` names the vocabulary in the error for an unknown name ("unknown REMI token …"). */
  constructor(
    readonly remi: RemiTokenizer,
    private readonly names: readonly string[],
    private readonly what: string,
  ) {
    this.ids = new Map(names.map((name, id) => [name, id]));
  }

  get vocabSize(): number {
    return this.names.length;
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

  /** The id of a token name, or undefined. */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** The ids of space-separated token names; an unknown name throws, naming it. */
  encode(text: string): number[] {
    return text
      .split(/\s+/)
      .filter((name) => name.length > 0)
      .map((name) => {
        const id = this.ids.get(name);
        if (id === undefined) throw new RangeError(`unknown ${this.what} token "${name}"`);
        return id;
      });
  }

  /** Token names separated by spaces, PAD, BOS and EOS left out (an unknown id reads "?id"). */
  decode(ids: number[]): string {
    const specials = new Set([this.pad, this.bos, this.eos]);
    return this.texts(ids.filter((id) => !specials.has(id))).join(' ');
  }

  /** The token names of ids. */
  texts(ids: ArrayLike<number>): string[] {
    return Array.from(ids, (id) => this.names[id] ?? `?${id}`);
  }
}

export class RemiVocabulary extends NamedVocabulary<RemiState> {
  readonly grammar: Grammar<RemiState>;

  constructor(remi: RemiTokenizer) {
    super(
      remi,
      remi.tokens.map((token) => token.text),
      'REMI',
    );
    this.grammar = remi.grammar;
  }
}
