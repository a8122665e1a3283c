// The retraining test's p-value. Alice re-runs the last phase of her training K times on freshly
// shuffled orders; under H0 (Bob's text is independent of Alice's actual order) her own model is
// exchangeable with the K replicas, so the rank of its score among the K + 1 is uniform and
// p = (1 + #{k : S_k ≥ S_0}) / (K + 1) is a valid p-value (ties counted against Alice).

export function retrainingPValue(aliceScore: number, replicaScores: readonly number[]): number {
  if (replicaScores.length === 0) throw new RangeError('retrainingPValue: needs at least one replica score');
  if ([aliceScore, ...replicaScores].some(Number.isNaN)) throw new RangeError('retrainingPValue: a score is NaN');
  const atLeast = replicaScores.filter((score) => score >= aliceScore).length;
  return (1 + atLeast) / (replicaScores.length + 1);
}
