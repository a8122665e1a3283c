import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { tf } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { topr } from '../src/nodes/topr.js';
import {
  advantageAt,
  mask,
  offPolicyRollouts,
  otherTable,
  policy,
  refAggregate,
  rollouts,
  sequenceAdvantages,
  table,
} from './loss-fixture.js';
import { assertAllClose, assertClose, numericGradient, refLogProbs, tfValueAndGradient } from './rollouts-fixture.js';

const L = rollouts.length;
const behaviour = refLogProbs(otherTable, rollouts);

/** w_i = 1 for A ≥ 0, min(π_θ(τ)/μ(τ), 1) for A < 0, from the policy `weightsFrom`. */
function weights(weightsFrom: number[][]): number[] {
  const logp = refLogProbs(weightsFrom, rollouts);
  return logp.map((row, i) => {
    if (advantageAt(i) >= 0) return 1;
    const logRho = row.reduce((s, lp, t) => s + mask[i * L + t] * (lp - behaviour[i][t]), 0);
    return Math.min(Math.exp(logRho), 1);
  });
}

/** −mean_i w_i·A_i·log π(τ_i) with the weights held at `fixed` (they carry no gradient). */
function reference(values: number[][], fixed: number[]): number {
  const perToken = refLogProbs(values, rollouts).map((row, i) => row.map((lp) => -fixed[i] * advantageAt(i) * lp));
  return refAggregate(perToken, mask, 'seq_mean_token_sum');
}

test('positives plain, negatives by the truncated sequence ratio: value and gradient', () => {
  const w = weights(table);
  assert.ok(w.some((x) => x < 1) && w.some((x) => x === 1), 'the fixture has a truncated weight and a plain one');
  const model = policy();
  const { value, gradient } = tfValueAndGradient(model, () =>
    runNode<tf.Scalar>(topr, { policy: model, rollouts: offPolicyRollouts, adv: sequenceAdvantages, mask }, {}),
  );
  assertClose(value, reference(table, w), 1e-5, 'loss');
  assertAllClose(
    gradient,
    numericGradient((t) => reference(t, w), table),
    1e-4,
    'gradient',
  );
  model.dispose();
});

test.run();
