// Spearman's rank correlation and its permutation p-value, written once for the provenance tests.
//
// Under the null hypothesis that y's order is a uniformly random permutation independent of x (as
// when y is a secret, randomly shuffled training order), every permutation of y's ranks is equally
// likely, so the p-value is a count over permutations:
// - n ≤ EXACT_SPEARMAN_LIMIT: exact, by enumerating all n! permutations (Heap's algorithm) of the
//   mid-ranks, ties included;
// - larger n: the Edgeworth series of Best & Roberts (1975, Algorithm AS 89, the method of R's
//   cor.test(method = "spearman") for n ≥ 7), a normal tail corrected with terms to order 1/n, with
//   the continuity correction of half a step of S = Σ d². It is derived for untied ranks; with ties
//   it is applied to ρ computed from mid-ranks (the null mean 0 and variance 1/(n − 1) still hold).
// The normal tail is @stdlib's erfc, accurate to double precision far into the tail, where p-values
// of 1e-20 are what a provenance test reports.
import erfc from '@stdlib/math-base-special-erfc';

export type Alternative = 'greater' | 'less' | 'two-sided';
export const ALTERNATIVES: readonly Alternative[] = ['greater', 'less', 'two-sided'];

/** Up to this many pairs the p-value is exact (10! = 3 628 800 permutations). */
export const EXACT_SPEARMAN_LIMIT = 10;

export interface SpearmanTest {
  rho: number;
  pValue: number;
  method: 'exact' | 'edgeworth';
}

/** 1-based ranks of `values`; tied values share the mean of their ranks. */
export function midRanks(values: readonly number[]): Float64Array {
  const order = values.map((_, index) => index).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let k = start; k < end; k++) ranks[order[k]] = (start + 1 + end) / 2;
    start = end;
  }
  return ranks;
}

/** Spearman's ρ: Pearson's correlation of the mid-ranks. NaN when either side is constant. */
export function spearmanRho(x: readonly number[], y: readonly number[]): number {
  checkPairs(x, y);
  return rankCorrelation(midRanks(x), midRanks(y));
}

/**
 * ρ and the permutation p-value of H0 "y's order is independent of x": for `greater`, the share of
 * permutations whose ρ is at least the observed one (small when large x go with large y).
 */
export function spearmanTest(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative = 'greater',
): SpearmanTest {
  checkPairs(x, y);
  if (x.length < 3) throw new RangeError(`spearmanTest: needs at least 3 pairs, got ${x.length}`);
  const rx = midRanks(x);
  const ry = midRanks(y);
  const rho = rankCorrelation(rx, ry);
  if (Number.isNaN(rho)) throw new RangeError('spearmanTest: one of the samples is constant (all values tied)');
  if (x.length <= EXACT_SPEARMAN_LIMIT) return { rho, pValue: exactPValue(rx, ry, alternative), method: 'exact' };
  const n = x.length;
  const upper = (r: number) => edgeworthUpperTail(n, r);
  const pValue =
    alternative === 'greater'
      ? upper(rho)
      : alternative === 'less'
        ? upper(-rho)
        : Math.min(1, 2 * Math.min(upper(rho), upper(-rho)));
  return { rho, pValue, method: 'edgeworth' };
}

/**
 * P(R ≥ rho) for Spearman's R over uniformly random permutations of n untied ranks, by the AS 89
 * Edgeworth series: with x = (rho − 6/(n³ − n))·√(n − 1) (rho less half the spacing of R's values),
 * P ≈ Q(x) + e^{−x²/2}·(x/n)·(c1 + c2/n + c3/n² + x²(−c4 + c5/n + c6/n²) − x⁴/n(c7 + c8/n) +
 * x⁶/n(c9 − c10/n) − x⁸/n²(c11 − c12 x²)), clamped to [0, 1].
 */
export function edgeworthUpperTail(n: number, rho: number): number {
  const b = 1 / n;
  const x = (rho - 6 / (n * n * n - n)) * Math.sqrt(n - 1);
  const y = x * x;
  const u =
    x *
    b *
    (0.2274 +
      b * (0.2531 + 0.1745 * b) +
      y *
        (-0.0758 +
          b * (0.1033 + 0.3932 * b) -
          y * b * (0.0879 + 0.0151 * b - y * (0.0072 - 0.0831 * b + y * b * (0.0131 - 4.6e-4 * y)))));
  const tail = 0.5 * erfc(x / Math.SQRT2) + u * Math.exp(-y / 2);
  return Math.min(1, Math.max(0, tail));
}

/**
 * Shares of the n! permutations of `ry` whose rank correlation with `rx` is at least (greater) and
 * at most (less) the observed one; two-sided doubles the smaller, as scipy's permutation_test does.
 * Works on doubled mid-ranks (integers), so the comparisons are exact: the correlation is an
 * increasing function of T = Σ (2rx_i)(2ry_i).
 */
function exactPValue(rx: Float64Array, ry: Float64Array, alternative: Alternative): number {
  const n = rx.length;
  const a = Array.from(rx, (rank) => 2 * rank);
  const b = Array.from(ry, (rank) => 2 * rank);
  const observed = a.reduce((sum, value, i) => sum + value * b[i], 0);
  // Heap's algorithm, iterative: each step swaps two entries of b, which changes T by
  // (a_i − a_j)(b_j − b_i).
  let current = observed;
  let atLeast = 1;
  let atMost = 1;
  let total = 1;
  const counters = new Array<number>(n).fill(0);
  for (let i = 1; i < n; ) {
    if (counters[i] < i) {
      const j = i % 2 === 0 ? 0 : counters[i];
      current += (a[i] - a[j]) * (b[j] - b[i]);
      [b[i], b[j]] = [b[j], b[i]];
      total++;
      if (current >= observed) atLeast++;
      if (current <= observed) atMost++;
      counters[i]++;
      i = 1;
    } else {
      counters[i] = 0;
      i++;
    }
  }
  const greater = atLeast / total;
  const less = atMost / total;
  return alternative === 'greater' ? greater : alternative === 'less' ? less : Math.min(1, 2 * Math.min(greater, less));
}

function rankCorrelation(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  const mean = (n + 1) / 2; // mid-ranks always average (n + 1) / 2
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

function checkPairs(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`spearman: ${x.length} x values but ${y.length} y values`);
  if (x.some(Number.isNaN) || y.some(Number.isNaN)) throw new RangeError('spearman: a value is NaN');
}
