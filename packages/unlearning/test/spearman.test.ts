// Spearman's ρ and its p-values against independent values: scipy 1.17.1 (spearmanr, and
// permutation_test with n_resamples=inf, an exact enumeration), the exact and AS 89 values
// printed in the documentation of R's pspearman package, and exact tails computed in Python by a
// dynamic programme over subsets (a method independent of the enumeration here).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { edgeworthUpperTail, midRanks, spearmanRho, spearmanTest } from '../src/stats/spearman.js';

function assertClose(actual: number, expected: number, relative: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${label}: ${actual} vs ${expected}`);
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('mid-ranks share the mean of tied ranks', () => {
  assert.equal(Array.from(midRanks([5, 1, 4, 4, 2])), [5, 1, 3.5, 3.5, 2]);
  assert.equal(Array.from(midRanks([2, 2, 2])), [2, 2, 2]);
});

test('exact permutation p-values match scipy.stats.permutation_test, ties included', () => {
  const cases: [number[], number[], number, Record<'greater' | 'less' | 'two-sided', number>][] = [
    [
      [0.3, 1.2, -0.5, 2.2, 0.9, 1.7],
      oneTo(6),
      0.48571428571428577,
      { greater: 0.17777777777777778, less: 0.8513888888888889, 'two-sided': 0.35555555555555557 },
    ],
    [
      [5, 1, 4, 4, 2, 3, 7, 6],
      oneTo(8),
      0.4191691916696406,
      { greater: 0.15168650793650792, less: 0.857093253968254, 'two-sided': 0.30337301587301585 },
    ],
    [
      [1, 2, 2, 3, 1, 5, 4, 4, 6],
      [3, 1, 2, 5, 4, 6, 9, 8, 7],
      0.7173570516842638,
      { greater: 0.01765873015873016, less: NaN, 'two-sided': NaN },
    ],
  ];
  for (const [x, y, rho, pValues] of cases) {
    assertClose(spearmanRho(x, y), rho, 1e-12, `rho of ${x}`);
    for (const alternative of ['greater', 'less', 'two-sided'] as const) {
      if (Number.isNaN(pValues[alternative])) continue;
      const result = spearmanTest(x, y, alternative);
      assert.is(result.method, 'exact');
      assertClose(result.pValue, pValues[alternative], 1e-12, `${alternative} p of ${x}`);
    }
  }
});

test('n = 10: exact P(S ≤ 36) and its AS 89 approximation as R pspearman prints them', () => {
  // Two transpositions three apart: Σ d² = 4 · 9 = 36, ρ = 1 − 6 · 36 / 990.
  const x = [4, 2, 3, 1, 8, 6, 7, 5, 9, 10];
  const result = spearmanTest(x, oneTo(10));
  assertClose(result.rho, 1 - 216 / 990, 1e-12, 'rho');
  assert.is(result.method, 'exact');
  assertClose(result.pValue, 0.005265377, 1e-6, 'exact p');
  assertClose(edgeworthUpperTail(10, result.rho), 0.005825634, 1e-6, 'AS 89 p');
});

test('beyond the exact limit the Edgeworth series is within 10% of the exact tail (measured: 8.5% at n 12, p 0.0017; at most 1.3% in the other cases)', () => {
  // [n, S, exact P(S' ≤ S)] by the subset dynamic programme.
  const exact: [number, number, number][] = [
    [12, 100, 0.012850192984741595],
    [12, 60, 0.0016659902597402597],
    [14, 150, 0.005327856965381767],
    [14, 250, 0.054059980989854504],
  ];
  for (const [n, s, p] of exact) {
    const rho = 1 - (6 * s) / (n ** 3 - n);
    assertClose(edgeworthUpperTail(n, rho), p, 0.1, `n ${n}, S ${s}`);
  }
  const x = [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const result = spearmanTest(x, oneTo(12));
  assert.is(result.method, 'edgeworth');
  assertClose(result.rho, spearmanRho(x, oneTo(12)), 1e-15, 'rho');
});

test('large n: the series approaches the normal tail Q(ρ√(n − 1)) (scipy.stats.norm.sf)', () => {
  // n = 2000, ρ = 0.08: scipy.stats.norm.sf(0.08 * sqrt(1999)) = 1.7390358436357664e-4.
  assertClose(edgeworthUpperTail(2000, 0.08 + 6 / (2000 ** 3 - 2000)), 1.7390358436357664e-4, 0.02, 'n 2000');
});

test('a one-sided alternative against the sign of ρ is not significant; bad input is refused', () => {
  const x = oneTo(40).map((v) => v * v);
  const y = oneTo(40);
  assert.ok(spearmanTest(x, y, 'greater').pValue < 1e-12);
  assert.ok(spearmanTest(x, y, 'less').pValue > 0.999);
  assert.throws(() => spearmanTest([1, 2], [1, 2]), /at least 3/);
  assert.throws(() => spearmanTest([1, 1, 1], [1, 2, 3]), /constant/);
  assert.throws(() => spearmanRho([1, 2, 3], [1, 2]), /3 x values but 2/);
  assert.throws(() => spearmanRho([1, NaN, 3], [1, 2, 3]), /NaN/);
});

test.run();
