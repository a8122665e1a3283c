import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { BigramModel, NodeTester, runNode, testContext } from '@sous/core/testing';
import { dpo } from '../src/nodes/dpo.js';
import { makePairs, policyTable, refTable, referenceMargins } from './pairs-fixture.js';
import { assertAllClose, assertClose, numericGradient, tfValueAndGradient } from './rollouts-fixture.js';

const pairs = makePairs();
const logSigmoid = (x: number) => -Math.log1p(Math.exp(-x));

/** The family's per-pair losses written out independently of the node, averaged over pairs. */
function reference(policy: number[][], loss: string, beta: number, epsilon = 0): number {
  const perPair = referenceMargins(policy, refTable).map((u) => {
    if (loss === 'sigmoid') return -(1 - epsilon) * logSigmoid(beta * u) - epsilon * logSigmoid(-beta * u);
    if (loss === 'ipo') return (u - 1 / (2 * beta)) ** 2;
    return Math.max(0, 1 - beta * u);
  });
  return perPair.reduce((a, b) => a + b, 0) / perPair.length;
}

test.before(async () => {
  await tf.setBackend('cpu');
});

const cases = [
  { loss: 'sigmoid', beta: 0.5, label_smoothing: 0 },
  { loss: 'sigmoid', beta: 2, label_smoothing: 0.2 },
  { loss: 'ipo', beta: 0.5, label_smoothing: 0 },
  { loss: 'hinge', beta: 1.5, label_smoothing: 0 },
];

test('the margins are non-trivial: some pairs preferred, some not (the loss has work to do)', () => {
  const margins = referenceMargins(policyTable, refTable);
  assert.ok(margins.some((u) => u > 0) && margins.some((u) => u < 0), `${margins}`);
  assert.ok(
    margins.every((u) => Math.abs(1.5 * u - 1) > 0.05),
    'hinge cases stay off the kink',
  );
});

test('each loss: value and gradient against an independent float64 computation and finite differences', () => {
  for (const params of cases) {
    const label = `${params.loss} β=${params.beta} ε=${params.label_smoothing}`;
    const policy = new BigramModel(policyTable);
    const ref = new BigramModel(refTable, { trainable: false });
    const { value, gradient } = tfValueAndGradient(policy, () =>
      runNode<tf.Scalar>(dpo, { policy, ref, pairs }, params),
    );
    assertClose(value, reference(policyTable, params.loss, params.beta, params.label_smoothing), 1e-5, label);
    const numeric = numericGradient(
      (table) => reference(table, params.loss, params.beta, params.label_smoothing),
      policyTable,
    );
    assertAllClose(gradient, numeric, 1e-4, `${label} gradient`);
    assert.ok(
      gradient.flat().some((g) => Math.abs(g) > 1e-3),
      `${label}: the gradient is not zero`,
    );
    policy.dispose();
    ref.dispose();
  }
});

test('a policy equal to its reference: u = 0 gives log 2 (DPO), 1/(4β²) (IPO) and 1 (hinge), by hand', () => {
  const policy = new BigramModel(refTable);
  const at = (params: Record<string, unknown>) =>
    tf.tidy(() => runNode<tf.Scalar>(dpo, { policy, ref: policy, pairs }, params).dataSync()[0]);
  assertClose(at({ beta: 0.1 }), Math.log(2), 1e-6, 'sigmoid');
  assertClose(at({ beta: 0.1, label_smoothing: 0.3 }), Math.log(2), 1e-6, 'cDPO');
  assertClose(at({ beta: 0.5, loss: 'ipo' }), 1, 1e-5, 'ipo');
  assertClose(at({ beta: 0.1, loss: 'hinge' }), 1, 1e-6, 'hinge');
  policy.dispose();
});

test('no gradient reaches the reference, even a trainable one', () => {
  const policy = new BigramModel(policyTable);
  const ref = new BigramModel(refTable);
  const { value, grads } = tf.variableGrads(
    () => runNode<tf.Scalar>(dpo, { policy, ref, pairs }, {}),
    [policy.table, ref.table],
  );
  const refGradient = grads[ref.table.name].arraySync() as number[][];
  assert.ok(
    refGradient.flat().every((g) => g === 0),
    `${refGradient}`,
  );
  assert.ok((grads[policy.table.name].arraySync() as number[][]).flat().some((g) => g !== 0));
  tf.dispose([value, ...Object.values(grads)]);
  policy.dispose();
  ref.dispose();
});

test("logs the batch's reward accuracy and mean βu", () => {
  const policy = new BigramModel(policyTable);
  const ref = new BigramModel(refTable, { trainable: false });
  const ctx = testContext();
  tf.tidy(() => runNode<tf.Scalar>(dpo, { policy, ref, pairs }, { beta: 0.5 }, ctx));
  const margins = referenceMargins(policyTable, refTable);
  assertClose(ctx.metrics.reward_accuracy, margins.filter((u) => u > 0).length / margins.length, 1e-7);
  assertClose(ctx.metrics.reward_margin, (0.5 * margins.reduce((a, b) => a + b, 0)) / margins.length, 1e-5);
  policy.dispose();
  ref.dispose();
});

test('leaves no tensor behind under variableGrads', () => {
  const policy = new BigramModel(policyTable);
  const ref = new BigramModel(refTable, { trainable: false });
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => runNode<tf.Scalar>(dpo, { policy, ref, pairs }, { loss: 'ipo' }));
  tf.dispose([value, ...Object.values(grads)]);
  assert.is(tf.memory().numTensors, before);
  policy.dispose();
  ref.dispose();
});

test('label smoothing outside the sigmoid loss, a non-model and too short a context are clear errors', async () => {
  const policy = new BigramModel(policyTable);
  const short = new BigramModel(policyTable, { contextLength: 3 });
  await new NodeTester(dpo).run({
    invalid: [
      {
        inputs: { policy, ref: policy, pairs },
        params: { loss: 'hinge', label_smoothing: 0.1 },
        messageId: 'smoothingNeedsSigmoid',
        data: { loss: 'hinge' },
      },
      {
        inputs: { policy: { kind: 'model' }, ref: policy, pairs },
        messageId: 'notLanguageModel',
        data: { port: 'policy' },
      },
      { inputs: { policy, ref: { kind: 'model' }, pairs }, messageId: 'notLanguageModel', data: { port: 'ref' } },
      {
        inputs: { policy: short, ref: short, pairs },
        messageId: 'pairContext',
        data: { rowLength: 6, needed: 5, port: 'policy', context: 3 },
      },
      { params: { label_smoothing: 0.5 }, error: /label_smoothing/ },
      { params: { beta: 0 }, error: /beta/ },
    ],
  });
  short.dispose();
  policy.dispose();
});

test.run();
