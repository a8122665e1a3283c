// Synthetic text for the provenance tests: sequences of letters drawn from a Markov chain whose
// transition probabilities are themselves random (softmax of Gaussian logits), so that every
// sequence is distinct and a small language model can learn the chain and, late in training,
// something of the individual sequences.
import type { Rng, Dataset, Example, Task, Tokenizer } from '@sous/core';

/** Letters a..z: the most states a chain may have. */
export const MAX_STATES = 26;
const FIRST_LETTER = 'a'.charCodeAt(0);
const SPECIALS = 3; // pad 0, bos 1, eos 2

/** pad, bos, eos and one token per letter of the first `states` letters. */
export function letterTokenizer(states: number): Tokenizer {
  return {
    vocabSize: SPECIALS + states,
    pad: 0,
    bos: 1,
    eos: 2,
    encode(text) {
      return Array.from(text, (char) => {
        const letter = char.charCodeAt(0) - FIRST_LETTER;
        if (!(letter >= 0 && letter < states))
          throw new RangeError(`"${char}" is not one of the first ${states} letters`);
        return SPECIALS + letter;
      });
    },
    decode(ids) {
      return ids
        .filter((id) => id >= SPECIALS)
        .map((id) => String.fromCharCode(FIRST_LETTER + id - SPECIALS))
        .join('');
    },
  };
}

export interface MarkovChainOptions {
  states: number;
  /** Standard deviation of the transition logits: 0 is uniform, larger is more predictable. */
  sharpness: number;
}

/** Row-stochastic transition matrix of a chain drawn from `rng`. */
export function randomTransitions({ states, sharpness }: MarkovChainOptions, rng: Rng): Float64Array[] {
  return Array.from({ length: states }, () => {
    const logits = Array.from({ length: states }, () => sharpness * rng.normal());
    const top = logits.reduce((max, value) => Math.max(max, value), -Infinity);
    const weights = logits.map((logit) => Math.exp(logit - top));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return Float64Array.from(weights, (weight) => weight / total);
  });
}

/** `count` sequences of `length` letters: a uniform first state, then the chain's transitions. */
export function markovSequences(transitions: Float64Array[], count: number, length: number, rng: Rng): string[] {
  const states = transitions.length;
  return Array.from({ length: count }, () => {
    let state = rng.int(states);
    let text = String.fromCharCode(FIRST_LETTER + state);
    for (let position = 1; position < length; position++) {
      state = drawIndex(transitions[state], rng.uniform());
      text += String.fromCharCode(FIRST_LETTER + state);
    }
    return text;
  });
}

function drawIndex(probabilities: Float64Array, uniform: number): number {
  let cumulative = 0;
  for (let index = 0; index < probabilities.length; index++) {
    cumulative += probabilities[index];
    if (uniform < cumulative) return index;
  }
  return probabilities.length - 1;
}

/** A task whose examples are whole sequences (empty prompt, the sequence as the answer). */
export function sequenceTask(name: string, train: string[], test: string[], vocab: Tokenizer): Task {
  const dataset = (split: string, texts: string[]): Dataset => {
    const examples: Example[] = texts.map((answer) => ({ prompt: '', answer }));
    return { kind: 'dataset', name: `${name}.${split}`, size: examples.length, get: (index) => examples[index], vocab };
  };
  return {
    kind: 'task',
    name,
    train: dataset('train', train),
    test: dataset('test', test),
    vocab,
    verify: (completion, example) => completion === example.answer,
  };
}
