import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Rollouts } from '@sous/core';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { clipped_pg } from '../src/nodes/clipped_pg.js';
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
  type Mode,
} from './loss-fixture.js';
import { assertAllClose, assertClose, numericGradient, refLogProbs, tfValueAndGradient } from './rollouts-fixture.js';

interface Options {
  ratio?: 'token' | 'sequence';
  clip?: number;
  clip_high?: number;
  dual_clip?: number;
  old?: 'detached' | 'sampler';
  aggregation?: Mode;
}

function runClipped(options: Options, data: Rollouts = rollouts, ctx = testContext()) {
  const model = policy();
  const params = clipped_pg.params.parse(options);
  const result = tfValueAndGradient(model, () =>
    runNode<tf.Scalar>(clipped_pg, { policy: model, rollouts: data, adv: sequenceAdvantages, mask }, params, ctx),
  );
  model.dispose();
  return result;
}

/** Float64 reference: per-token −min(r·A, clip(r)·A) (dual-capped), aggregated. */
function reference(
  values: number[][],
  old: number[][],
  o: Required<Omit<Options, 'old'>>,
): { loss: number; clipped: number[][] } {
  const logp = refLogProbs(values, rollouts);
  const L = rollouts.length;
  const ratios = logp.map((row, i) => {
    if (o.ratio === 'token') return row.map((lp, t) => Math.exp(lp - old[i][t]));
    let sum = 0,
      count = 0;
    row.forEach((lp, t) => {
      sum += mask[i * L + t] * (lp - old[i][t]);
      count += mask[i * L + t];
    });
    return row.map(() => Math.exp(sum / count));
  });
  const clipped = ratios.map((row) => row.map(() => 0));
  const perToken = ratios.map((row, i) =>
    row.map((r, t) => {
      const a = advantageAt(i);
      const plain = -r * a;
      const cut = -Math.min(Math.max(r, 1 - o.clip), 1 + o.clip_high) * a;
      clipped[i][t] = cut > plain ? 1 : 0;
      const loss = Math.max(plain, cut);
      return o.dual_clip > 0 && a < 0 ? Math.min(loss, -o.dual_clip * a) : loss;
    }),
  );
  return { loss: refAggregate(perToken, mask, o.aggregation), clipped };
}

const full = (o: Options) => ({
  ratio: 'token' as const,
  clip: 0.2,
  clip_high: o.clip ?? 0.2,
  dual_clip: 0,
  aggregation: 'token_mean' as Mode,
  ...o,
});

test('on-policy (old detached): value −agg(A), gradient of −agg(A·log π) for every aggregation', () => {
  for (const aggregation of ['token_mean', 'seq_mean_token_mean', 'seq_mean_token_sum', 'constant'] as const) {
    const { value, gradient } = runClipped({ aggregation });
    const negA = refLogProbs(table, rollouts).map((row, i) => row.map(() => -advantageAt(i)));
    assertClose(value, refAggregate(negA, mask, aggregation), 1e-6, aggregation);
    const expected = numericGradient(
      (t) =>
        refAggregate(
          refLogProbs(t, rollouts).map((row, i) => row.map((lp) => -advantageAt(i) * lp)),
          mask,
          aggregation,
        ),
      table,
    );
    assertAllClose(gradient, expected, 1e-4, `${aggregation} gradient`);
  }
});

test('off-policy token ratio to the sampler log-probs: value, gradient and clip fraction', () => {
  const old = refLogProbs(otherTable, rollouts);
  const o = full({ old: 'sampler' });
  const ctx = testContext();
  const { value, gradient } = runClipped(o, offPolicyRollouts, ctx);
  const expected = reference(table, old, o);
  assert.ok(
    expected.clipped.flat().some((c) => c === 1),
    'the fixture exercises clipping',
  );
  assertClose(value, expected.loss, 1e-5, 'loss');
  assertAllClose(
    gradient,
    numericGradient((t) => reference(t, old, o).loss, table),
    1e-4,
    'gradient',
  );
  const clippedShare = refAggregate(expected.clipped, mask, 'token_mean');
  assertClose(ctx.metrics.clip_frac, clippedShare, 1e-6, 'clip_frac');
});

test('clip-higher and dual clip, per-sequence-mean aggregation', () => {
  const old = refLogProbs(otherTable, rollouts);
  const o = full({ old: 'sampler', clip: 0.1, clip_high: 0.28, dual_clip: 1.05, aggregation: 'seq_mean_token_mean' });
  const { value, gradient } = runClipped(o, offPolicyRollouts);
  const expected = reference(table, old, o);
  // The dual clip must bite somewhere for this test to mean anything.
  assert.ok(
    expected.loss !== reference(table, old, { ...o, dual_clip: 0 }).loss,
    'the fixture exercises the dual clip',
  );
  assertClose(value, expected.loss, 1e-5, 'loss');
  assertAllClose(
    gradient,
    numericGradient((t) => reference(t, old, o).loss, table),
    1e-4,
    'gradient',
  );
});

test('sequence ratio (GSPO): the geometric-mean ratio on every token', () => {
  const old = refLogProbs(otherTable, rollouts);
  const o = full({ old: 'sampler', ratio: 'sequence', clip: 0.05, aggregation: 'seq_mean_token_mean' });
  const { value, gradient } = runClipped(o, offPolicyRollouts);
  const expected = reference(table, old, o);
  assertClose(value, expected.loss, 1e-5, 'loss');
  assertAllClose(
    gradient,
    numericGradient((t) => reference(t, old, o).loss, table),
    1e-4,
    'gradient',
  );
});

test('no tensors are left behind; mismatched advantages or mask, or a non-model, are clear errors', async () => {
  const before = tf.memory().numTensors;
  runClipped({});
  assert.is(tf.memory().numTensors, before);
  const model = policy();
  const adv = sequenceAdvantages;
  await new NodeTester(clipped_pg).run({
    invalid: [
      {
        inputs: { policy: model, rollouts, adv: { ...adv, values: new Float32Array(3) }, mask },
        messageId: 'advantageCount',
        data: { got: 3, expected: 4, level: 'sequence', size: 4, length: 4 },
      },
      {
        inputs: { policy: model, rollouts, adv: { ...adv, level: 'token' }, mask },
        messageId: 'advantageCount',
        data: { got: 4, expected: 16, level: 'token', size: 4, length: 4 },
      },
      {
        inputs: { policy: model, rollouts, adv, mask: new Float32Array(15) },
        messageId: 'maskSize',
        data: { size: 4, length: 4, expected: 16, got: '15 values' },
      },
      { inputs: { policy: {}, rollouts, adv, mask }, messageId: 'notLanguageModel', data: { port: 'policy' } },
    ],
  });
  model.dispose();
});

test('bad parameters are refused by the schema', () => {
  assert.throws(() => clipped_pg.params.parse({ dual_clip: 0.5 }), /dual_clip must be 0 \(off\) or greater than 1/);
  assert.throws(() => clipped_pg.params.parse({ aggregation: 'mean' }));
});

test.run();
