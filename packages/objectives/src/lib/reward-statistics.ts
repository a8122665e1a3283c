// Statistics of per-sequence rewards for advantage estimators, over plain arrays. Abstained
// rewards (NaN) take part in no mean or deviation and stay NaN until `abstainedAsZero`, the last
// step of every advantage node, turns them into a zero advantage (no gradient). Deviations are
// sample deviations (n − 1), as torch.std in TRL and verl; fewer than two values give 0.
import { deviation, mean } from 'd3-array';
import { groupMembers } from '@sous/core';

export function meanOf(values: Float32Array): number {
  return mean(values) ?? NaN;
}

export function deviationOf(values: Float32Array): number {
  return deviation(values) ?? 0;
}

/** R_i − (mean of the other non-abstained rewards of its group): RLOO's leave-one-out baseline. */
export function leaveOneOut(rewards: Float32Array, group: Int32Array): Float32Array {
  const out = new Float32Array(rewards.length);
  for (const members of groupMembers(group)) {
    const present = members.filter((i) => !Number.isNaN(rewards[i]));
    const total = present.reduce((sum, i) => sum + rewards[i], 0);
    for (const i of members) {
      const others = present.length - (Number.isNaN(rewards[i]) ? 0 : 1);
      out[i] = others === 0 ? 0 : rewards[i] - (total - rewards[i]) / others;
    }
  }
  return out;
}

/** (x − mean) / (deviation + ε) over the whole batch. */
export function whiten(values: Float32Array, epsilon: number): Float32Array {
  const center = meanOf(values);
  const scale = deviationOf(values) + epsilon;
  return values.map((x) => (x - center) / scale);
}

export function abstainedAsZero(values: Float32Array): Float32Array {
  return values.map((x) => (Number.isNaN(x) ? 0 : x));
}

/** Share of groups whose rewards are all equal. */
export function fractionOfUniformGroups(rewards: Float32Array, rollouts: { group: Int32Array }): number {
  const groups = groupMembers(rollouts.group);
  return groups.filter((members) => isUniform(Float32Array.from(members, (i) => rewards[i]))).length / groups.length;
}

/** True when the group's non-abstained rewards are all equal (no learning signal). */
export function isUniform(values: Float32Array): boolean {
  const present = values.filter((x) => !Number.isNaN(x));
  return present.every((x) => x === present[0]);
}
