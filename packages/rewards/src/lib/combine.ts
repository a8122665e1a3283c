// Combining several rewards per sequence. An abstained member (NaN) is left out of the sum for that
// sequence, as TRL does with `None`; a sequence every member abstained on stays abstained (NaN).
import type { Fail, Rewards } from '@sous/core';

/** What the combining nodes can fail with: spread into their messages, raised through ctx.fail. */
export const combineMessages = {
  weightCount: {
    message: '{{weights}} weights for {{rewards}} rewards',
    hint: 'Give one weight per reward, in argument order, or none for all 1.',
  },
  lengths: 'the rewards combined must score the same sequences (lengths {{lengths}})',
} as const;

type CombineFail = Fail<keyof typeof combineMessages>;

/** `weights` checked against the members (empty: all 1). */
export function weightsFor(members: Rewards[], weights: number[], fail: CombineFail): number[] {
  if (weights.length === 0) return members.map(() => 1);
  if (weights.length !== members.length) fail('weightCount', { weights: weights.length, rewards: members.length });
  return weights;
}

export function checkSameLength(members: Rewards[], fail: CombineFail): void {
  if (members.some((m) => !(m instanceof Float32Array) || m.length !== members[0].length)) {
    fail('lengths', { lengths: members.map((m) => m?.length).join(', ') });
  }
}

/** Σ_k w_k·r_k per sequence over the members that did not abstain. */
export function weightedSum(members: Rewards[], weights: number[]): Rewards {
  return Float32Array.from(members[0], (_, i) => {
    let total = 0;
    let present = 0;
    members.forEach((member, k) => {
      if (Number.isNaN(member[i])) return;
      total += weights[k] * member[i];
      present++;
    });
    return present === 0 ? NaN : total;
  });
}
