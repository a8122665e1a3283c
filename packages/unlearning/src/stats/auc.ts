// The area under the ROC curve, written once for every membership-inference attack: the probability
// that a positive scores above a negative, ties counting one half — the Mann–Whitney U statistic
// over P·N, computed from mid-ranks of the pooled scores in O((P + N) log(P + N)).

export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  const p = positives.length;
  const n = negatives.length;
  if (p === 0 || n === 0) throw new RangeError('rocAuc: needs at least one positive and one negative score');
  const pooled = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ];
  if (pooled.some(({ score }) => Number.isNaN(score))) throw new RangeError('rocAuc: a score is NaN');
  pooled.sort((x, y) => x.score - y.score);
  let positiveRankSum = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start;
    while (end < pooled.length && pooled[end].score === pooled[start].score) end++;
    // Ranks start..end-1 (1-based start+1..end) share their mean.
    const midRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (pooled[k].positive) positiveRankSum += midRank;
    start = end;
  }
  return (positiveRankSum - (p * (p + 1)) / 2) / (p * n);
}
