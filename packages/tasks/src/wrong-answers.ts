// Plausible wrong answers for synthetic preference pairs. An integer answer is slipped by one in one
// digit (the mistakes of column arithmetic: a dropped or doubled carry, a digit off by one); when
// those run out, or the answer is not an integer, the answers of other problems are used.
import type { Rng } from '@sous/core';

/** Draws before giving up on finding enough distinct wrong answers among other problems'. */
const DRAWS_PER_ANSWER = 20;

/** Every integer that differs from `answer` in exactly one digit by ±1 (mod 10), written without
 * a leading zero. Empty when `answer` is not an integer. */
export function digitSlips(answer: string): string[] {
  const match = /^(-?)(\d+)$/.exec(answer.trim());
  if (match === null) return [];
  const [, sign, digits] = match;
  const slips = new Set<string>();
  for (let position = 0; position < digits.length; position++) {
    for (const step of [1, 9]) {
      const slipped = digits.slice(0, position) + ((Number(digits[position]) + step) % 10) + digits.slice(position + 1);
      const leadingZero = slipped.length > 1 && slipped[0] === '0';
      if (!leadingZero && !(sign === '-' && Number(slipped) === 0)) slips.add(sign + slipped);
    }
  }
  return [...slips];
}

export interface WrongAnswerSource {
  /** False for a candidate the task would accept as correct. */
  isWrong(candidate: string): boolean;
  /** The answer of some other problem, drawn with `rng`. */
  otherAnswer(rng: Rng): string;
}

/** `count` distinct wrong answers to a problem whose answer is `answer`, chosen with `rng`:
 * digit slips first (in seeded order), then other problems' answers; fewer when no more are found. */
export function wrongAnswers(answer: string, count: number, rng: Rng, source: WrongAnswerSource): string[] {
  const chosen = new Set(
    rng
      .shuffle(digitSlips(answer))
      .filter((slip) => source.isWrong(slip))
      .slice(0, count),
  );
  for (let draw = 0; chosen.size < count && draw < DRAWS_PER_ANSWER * count; draw++) {
    const other = source.otherAnswer(rng);
    if (source.isWrong(other)) chosen.add(other);
  }
  return [...chosen];
}
