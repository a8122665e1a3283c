// Claim verdicts over seeds: exact values, worked by hand in the comments.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type Claim,
  type Evals,
  type KOfNClaim,
  type MeanClaim,
  claimValues,
  describeMeasured,
  judge,
  recordKey,
  spread,
  status,
  toleranceFromSpread,
} from '@sous/cli/claims';

const kOfN = (k: number, compare: '>' | '>=' | '<' | '<=', threshold: number): KOfNClaim => ({
  form: 'k_of_n',
  text: 't',
  stage: 'rl',
  step: 'last',
  metric: 'accuracy',
  expect: 'holds',
  compare,
  threshold,
  k,
});
const mean = (expected: number | null, tolerance: number | null): MeanClaim => ({
  form: 'mean',
  text: 't',
  stage: 'rl',
  step: 'last',
  metric: 'accuracy',
  expect: 'holds',
  expected,
  tolerance,
});

test('spread: mean and sample standard deviation (n − 1)', () => {
  assert.equal(spread([1, 2, 3]), { mean: 2, sd: 1 }); // squares 1 + 0 + 1, over 2
  assert.equal(spread([0.25]), { mean: 0.25, sd: 0 });
});

test('k of n counts the seeds past the threshold, strictly or not as the claim says', () => {
  assert.equal(judge(kOfN(2, '>', 0), [0.1, -0.2, 0.3], 3), { holds: true, detail: '2 of 3 > 0.000' });
  assert.equal(judge(kOfN(3, '>', 0), [0.1, -0.2, 0.3], 3), { holds: false, detail: '2 of 3 > 0.000' });
  assert.is(judge(kOfN(3, '>=', 0), [0, 0, 0], 3).holds, true);
  assert.is(judge(kOfN(1, '>', 0), [0, 0, 0], 3).holds, false);
  assert.is(judge(kOfN(3, '<', 1), [0.99, 0.5, 0], 3).holds, true);
});

test('with fewer seeds than recorded, k of n fails only once it can no longer hold', () => {
  // 4 of 5 recorded; 2 seeds run: one may miss, so 1 of 2 is still enough and 0 of 2 is not.
  assert.equal(judge(kOfN(4, '>=', 0.9), [0.95, 0.2], 5), {
    holds: true,
    detail: '1 of 2 >= 0.900 (needs 1 of these 2: 4 of 5 recorded)',
  });
  assert.is(judge(kOfN(4, '>=', 0.9), [0.5, 0.2], 5).holds, false);
});

test('a mean claim holds within its tolerance, widened by √(n/m) for m of n seeds', () => {
  assert.equal(judge(mean(0.5, 0.1), [0.5, 0.55, 0.6], 3), { holds: true, detail: '|0.550 − 0.500| ≤ 0.100' });
  assert.is(judge(mean(0.5, 0.1), [0.55, 0.65, 0.75], 3).holds, false); // mean 0.65
  // One seed of 3: tolerance 0.1 · √3 = 0.173, so 0.65 is inside.
  assert.equal(judge(mean(0.5, 0.1), [0.65], 3), {
    holds: true,
    detail: '|0.650 − 0.500| ≤ 0.173 (tolerance 0.100 widened for 1 of 3 seeds)',
  });
  assert.equal(judge(mean(null, null), [0.5], 3), { detail: 'no expected value recorded' });
});

test('status compares the verdict with the one on record', () => {
  assert.is(status(kOfN(1, '>', 0), { holds: true, detail: '' }), 'pass');
  assert.is(status(kOfN(1, '>', 0), { holds: false, detail: '' }), 'FAIL');
  const notReproduced: Claim = { ...kOfN(1, '>', 0), expect: 'not reproduced' };
  assert.is(status(notReproduced, { holds: false, detail: '' }), 'not reproduced');
  assert.is(status(notReproduced, { holds: true, detail: '' }), 'CHANGED');
  assert.is(status(kOfN(1, '>', 0), { detail: 'not measured' }), 'not measured');
});

test('tolerance from the spread: twice the sd, rounded up to two significant digits, at least 0.001', () => {
  assert.is(toleranceFromSpread([0.7, 0.74, 0.78]), 0.08); // sd 0.04
  assert.is(toleranceFromSpread([0.1, 0.2, 0.4]), 0.31); // sd √(0.07/3) = 0.15275, twice 0.3055
  assert.is(toleranceFromSpread([0.7, 0.7, 0.7]), 0.001);
});

const evals: Evals = {
  'sft@599': { accuracy: [0.5, 0.6, 0.4] },
  'rl@99': { accuracy: [0.6, 0.6, 0.6] },
  'rl@299': { accuracy: [0.7, 0.65, 0.3], 'pass@8': [0.9, null, 0.8] },
};

test('"last" is the stage\'s highest step; a paired difference subtracts seed by seed', () => {
  assert.is(recordKey(evals, { stage: 'rl', step: 'last' }), 'rl@299');
  assert.is(recordKey(evals, { stage: 'rl', step: 99 }), 'rl@99');
  assert.is(recordKey(evals, { stage: 'rl', step: 100 }), undefined);
  const rise: Claim = { ...kOfN(3, '>', 0), minus: { stage: 'sft' } };
  const values = claimValues(rise, evals) as number[];
  assert.equal(
    values.map((v) => Number(v.toFixed(12))),
    [0.2, 0.05, -0.1],
  );
  assert.is(judge(rise, values, 3).holds, false);
});

test('missing records and metrics are named, not guessed', () => {
  assert.is(claimValues({ ...kOfN(1, '>', 0), stage: 'grpo' }, evals), 'no eval record for stage "grpo" at step last');
  assert.is(
    claimValues({ ...kOfN(1, '>', 0), metric: 'pass@1' }, evals),
    'the eval record rl@299 has no metric "pass@1" (it has accuracy, pass@8)',
  );
  assert.is(claimValues({ ...kOfN(1, '>', 0), metric: 'pass@8' }, evals), 'rl@299 pass@8 is missing for some seeds');
});

test('measured values read as mean ± sd and then each seed', () => {
  assert.is(describeMeasured([1, 2, 3]), '2.000 ± 1.000 (1.000, 2.000, 3.000)');
  assert.is(describeMeasured([0.05]), '0.050 ± 0.000');
  assert.is(describeMeasured([0.00031, 0.00035]), '0.00033 ± 0.000028 (0.00031, 0.00035)');
  assert.is(describeMeasured([-0.25, -0.05]), '-0.150 ± 0.141 (-0.250, -0.050)');
});

test.run();
