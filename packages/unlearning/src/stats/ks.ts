// The two-sample Kolmogorov–Smirnov test (two-sided), written once for every node that compares
// two samples: forget quality compares truth-ratio distributions with it.
//
// D = sup_x |F_a(x) − F_b(x)| over the two empirical distribution functions. Its p-value P(D ≥ d)
// under the null (both samples from one continuous distribution) is computed like
// scipy.stats.ks_2samp(a, b, method='auto'): exactly when the larger sample has at most
// EXACT_MAX_SIZE values, asymptotically otherwise.
//
// Exact: a uniformly random merge order of the samples is a lattice path from (0, 0) to (m, n) that
// steps right with probability (m − i)/(m − i + n − j) at (i, j); D ≥ d exactly when the path
// touches a point with |i/m − j/n| ≥ d. The p-value sums, over first touches, the probability of
// reaching that point untouched: a sum of positive terms, so p-values near 1e-300 keep their
// digits (1 − P(inside) would cancel to 0 below 1e-16).
//
// Asymptotic: Kolmogorov's limit P(D ≥ d) ≈ Q(d·√(mn/(m+n))), Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}.
// scipy uses the finite-n one-sample distribution kstwo(round(mn/(m+n))) there; the two differ by
// O(1/√n), which at these sizes is below 1e-2 relative.

/** Above this many values in the larger sample, scipy's 'auto' switches to the asymptotic p-value. */
export const EXACT_MAX_SIZE = 10_000;

export interface KsResult {
  /** sup |F_a − F_b|. */
  statistic: number;
  /** P(D ≥ statistic) under the null. */
  pValue: number;
  method: 'exact' | 'asymptotic';
}

export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  if (a.length === 0 || b.length === 0) throw new RangeError('ksTwoSample: both samples need at least one value');
  if ([a, b].some((sample) => sample.some((x) => Number.isNaN(x)))) {
    throw new RangeError('ksTwoSample: a sample holds NaN');
  }
  const m = a.length;
  const n = b.length;
  const { statistic, scaled } = ksStatistic(a, b);
  if (Math.max(m, n) <= EXACT_MAX_SIZE) {
    return { statistic, pValue: exactPValue(m, n, scaled), method: 'exact' };
  }
  return { statistic, pValue: kolmogorovSurvival(statistic * Math.sqrt((m * n) / (m + n))), method: 'asymptotic' };
}

/** D, and D·m·n as the integer max |i·n − j·m| over the merge (exact, unlike D in floats). */
function ksStatistic(a: readonly number[], b: readonly number[]): { statistic: number; scaled: number } {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  const m = x.length;
  const n = y.length;
  let i = 0;
  let j = 0;
  let scaled = 0;
  while (i < m || j < n) {
    // Step past every copy of the next value in both samples, so ties move both counts at once.
    const next = Math.min(i < m ? x[i] : Infinity, j < n ? y[j] : Infinity);
    while (i < m && x[i] === next) i++;
    while (j < n && y[j] === next) j++;
    scaled = Math.max(scaled, Math.abs(i * n - j * m));
  }
  return { statistic: scaled / (m * n), scaled };
}

/** P(max |i·n − j·m| ≥ scaled) over uniformly random merges of m and n values. */
function exactPValue(m: number, n: number, scaled: number): number {
  if (scaled <= 0) return 1;
  const outside = (i: number, j: number) => Math.abs(i * n - j * m) >= scaled;
  // reach[j]: probability of being at (i, j) without having touched the boundary, row by row in i.
  let reach = new Float64Array(n + 1);
  reach[0] = 1;
  let pValue = 0;
  for (let i = 0; i <= m; i++) {
    const next = new Float64Array(n + 1);
    for (let j = 0; j <= n; j++) {
      const mass = reach[j];
      if (mass === 0) continue;
      if (outside(i, j)) {
        pValue += mass;
        continue;
      }
      const left = m - i + n - j;
      if (left === 0) continue;
      if (i < m) next[j] += (mass * (m - i)) / left;
      if (j < n) reach[j + 1] += (mass * (n - j)) / left;
    }
    reach = next;
  }
  return Math.min(1, pValue);
}

/** Q(λ) = P(K ≥ λ) of the Kolmogorov distribution. */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  // Below 0.2 the alternating series converges slowly and Q is 1 to 15 digits anyway.
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-300) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
