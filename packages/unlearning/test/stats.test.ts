// The KS test and ROC AUC against scipy 1.17.1 (scipy.stats.ks_2samp(method='auto'),
// scipy.stats.mannwhitneyu, scipy.stats.kstwobign), values printed by python3 and pasted here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kolmogorovSurvival, ksTwoSample } from '../src/stats/ks.js';
import { rocAuc } from '../src/stats/auc.js';

function assertRelative(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${label}: ${actual} vs ${expected}`);
}

const range = (count: number, f: (i: number) => number) => Array.from({ length: count }, (_, i) => f(i));

test('ks_2samp statistic and exact p-value, small samples, with and without ties (scipy)', () => {
  const cases: [number[], number[], number, number][] = [
    [[0.1, 0.5, 0.9, 1.3], [0.2, 0.25, 0.3, 2.0, 2.5], 0.4, 0.7460317460317459],
    [[1, 1, 2, 3, 3, 3], [1, 2, 2, 4, 5], 0.4, 0.6883116883116883],
    [range(60, (i) => i), range(60, (i) => i + 30.5), 0.5166666666666667, 1.1584137182223372e-7],
    [
      range(200, (i) => (((i + 1) * 0.6180339887) % 1) as number),
      range(150, (i) => (((i + 1) * 0.41421356) % 1) ** 1.3),
      0.11,
      0.23559555858896164,
    ],
  ];
  cases.forEach(([a, b, statistic, pValue], index) => {
    const result = ksTwoSample(a, b);
    assert.is(result.method, 'exact');
    assertRelative(result.statistic, statistic, 1e-12, `case ${index} D`);
    assertRelative(result.pValue, pValue, 1e-9, `case ${index} p`);
    assertRelative(ksTwoSample(b, a).pValue, pValue, 1e-9, `case ${index} p, samples swapped`);
  });
});

test('tiny p-values keep their digits (a sum of positive terms, no 1 − P cancellation)', () => {
  assertRelative(
    ksTwoSample(
      range(30, (i) => i),
      range(40, (i) => i + 100),
    ).pValue,
    3.6135170070159586e-20,
    1e-9,
    '30/40',
  );
  assertRelative(
    ksTwoSample(
      range(200, (i) => i),
      range(300, (i) => i + 1000),
    ).pValue,
    3.9565179860795375e-145,
    1e-8,
    '200/300',
  );
});

test('identical samples: D = 0 and p = 1', () => {
  assert.equal(ksTwoSample([1, 2, 3], [3, 2, 1]), { statistic: 0, pValue: 1, method: 'exact' });
});

test('asymptotic: the Kolmogorov survival function (scipy kstwobign.sf), used above 10 000 values', () => {
  assertRelative(kolmogorovSurvival(0.5), 0.9639452436648751, 1e-12, 'Q(0.5)');
  assertRelative(kolmogorovSurvival(1.0), 0.26999967167735456, 1e-12, 'Q(1)');
  assertRelative(kolmogorovSurvival(1.5), 0.022217962616525127, 1e-12, 'Q(1.5)');
  const shifted = ksTwoSample(
    range(10_001, (i) => i),
    range(10_001, (i) => i + 150),
  );
  assert.is(shifted.method, 'asymptotic');
  // D = 150/10001, λ = D·√(10001/2): Q by hand from the first two terms of the series.
  const lambda = (150 / 10_001) * Math.sqrt(10_001 / 2);
  assertRelative(shifted.pValue, 2 * (Math.exp(-2 * lambda ** 2) - Math.exp(-8 * lambda ** 2)), 1e-6, 'p');
});

test('bad samples are refused', () => {
  assert.throws(() => ksTwoSample([], [1]), /at least one value/);
  assert.throws(() => ksTwoSample([Number.NaN], [1]), /NaN/);
});

test('ROC AUC: Mann–Whitney U / (P·N) with ties counting one half (scipy mannwhitneyu)', () => {
  assertRelative(rocAuc([0.9, 0.8, 0.8, 0.3], [0.8, 0.1, 0.3]), 0.7916666666666666, 1e-12, 'ties');
  // By hand: 1·3 pairs won outright, nothing else.
  assert.is(rocAuc([5], [1, 2, 3]), 1);
  assert.is(rocAuc([1, 2], [3, 4]), 0);
  assert.is(rocAuc([2, 2], [2]), 0.5);
  assert.throws(() => rocAuc([], [1]), /at least one positive/);
});

test.run();
