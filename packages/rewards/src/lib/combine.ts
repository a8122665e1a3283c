// Combining several rewards per sequence. An abstained member (NaN) is left out of the sum for that
// sequence, as TRL does with `None`; a sequence every member abstained on stays abstained (NaN).
import { SousError, type Rewards } from '@sous/core';

/** `weights` checked against the members (empty: all 1). */
export function weightsFor(members: Rewards[], weights: number[], node: string): number[] {
  if (weights.length === 0) return members.map(() => 1);
  if (weights.length !== members.length) {
    throw new SousError(`${node}: ${weights.length} weights for ${members.length} rewards`, {
      hint: 'Give one weight per reward, in argument order, or none for all 1.',
    });
  }
  return weights;
}

export function checkSameLength(members: Rewards[], node: string): void {
  if (members.some((m) => !(m instanceof Float32Array) || m.length !== members[0].length)) {
    throw new SousError(`${node}: the rewards combined must score the same sequences (lengths ${members.map((m) => m?.length).join(', ')})`);
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
