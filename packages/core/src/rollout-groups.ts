// The group structure of rollouts (G completions per prompt), shared by reward combinations and
// advantage estimators that compute statistics per group.

/** Positions of each group's members, indexed by group (holes for absent group indices). */
export function groupMembers(group: Int32Array): number[][] {
  const members: number[][] = [];
  group.forEach((g, i) => (members[g] ??= []).push(i));
  return members.filter((m) => m !== undefined);
}

/** Per sequence: `statistic` of its group's values, repeated on each member. */
export function perGroup(
  values: Float32Array,
  group: Int32Array,
  statistic: (groupValues: Float32Array) => number,
): Float32Array {
  const out = new Float32Array(values.length);
  for (const members of groupMembers(group)) {
    const value = statistic(Float32Array.from(members, (i) => values[i]));
    for (const i of members) out[i] = value;
  }
  return out;
}
