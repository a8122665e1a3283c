// Sampled token rows back to pieces: what music.decode and music.style_scorer both read. A row is
// decoded from its first token to the end of its completion (prompt, BOS and stop token included:
// the REMI decoder skips specials), with the REMI vocabulary the rows were sampled in.
import type { Fail, Rollouts } from '@sous/core';
import type { DecodeReport } from './remi.js';
import type { Piece } from '../piece.js';
import { RemiVocabulary } from './vocabulary.js';

export const rolloutsMessages = {
  notMusic: {
    message: 'the rollouts were sampled in a tokenizer that is not a REMI vocabulary',
    hint: 'Train the policy on music.tokenize(...) and pass its vocab to models.gpt(vocab: tokens.vocab).',
  },
} as const;

/** The REMI vocabulary the rollouts were sampled in; fails with `notMusic` for any other tokenizer. */
export function remiVocabularyOf(rollouts: Rollouts, fail: Fail<keyof typeof rolloutsMessages>): RemiVocabulary {
  return rollouts.vocab instanceof RemiVocabulary ? rollouts.vocab : fail('notMusic');
}

/** Sequence `i` of the rollouts (prompt and completion) decoded into a piece, with what was skipped. */
export function decodeRollout(
  vocab: RemiVocabulary,
  rollouts: Rollouts,
  i: number,
): { piece: Piece; report: DecodeReport } {
  const end = rollouts.promptLength[i] + rollouts.completionLength[i];
  return vocab.remi.decode(rollouts.tokens.subarray(i * rollouts.length, i * rollouts.length + end));
}
