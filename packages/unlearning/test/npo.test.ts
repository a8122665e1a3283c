import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { npo } from '../src/nodes/npo.js';
import {
  answerTokenLogProbs,
  assertAllClose,
  assertClose,
  makeBatch,
  numericGradient,
  policyTable,
  refTable,
  valueAndGradient,
} from './bigram-fixture.js';

const forget = makeBatch();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const softplus = (x: number) => Math.log1p(Math.exp(x));

/** −(2/β) log σ(−β u), u = ℓ_θ − ℓ_ref, averaged over forget rows, in float64. */
function reference(policy: number[][], beta: number): number {
  const current = answerTokenLogProbs(policy).map(sum);
  const before = answerTokenLogProbs(refTable).map(sum);
  return sum(current.map((l, i) => (2 / beta) * softplus(beta * (l - before[i])))) / current.length;
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('value and gradient against float64 and finite differences', () => {
  for (const beta of [0.1, 1, 4]) {
    const policy = new BigramModel(policyTable);
    const ref = new BigramModel(refTable, { trainable: false });
    const { value, gradient } = valueAndGradient(policy, () =>
      runNode<tf.Scalar>(npo, { policy, ref, forget }, { beta }),
    );
    assertClose(value, reference(policyTable, beta), 1e-5, `β=${beta}`);
    assertAllClose(
      gradient,
      numericGradient((t) => reference(t, beta), policyTable),
      1e-4,
      `β=${beta} gradient`,
    );
    assert.ok(
      gradient.flat().some((g) => Math.abs(g) > 1e-3),
      'the gradient is not zero',
    );
    policy.dispose();
    ref.dispose();
  }
});

test('policy equal to the reference: (2/β) log 2, and the gradient is gradient ascent on ℓ (weight 2σ(0) = 1)', () => {
  const policy = new BigramModel(refTable);
  const beta = 0.5;
  const { value, gradient } = valueAndGradient(policy, () =>
    runNode<tf.Scalar>(npo, { policy, ref: policy, forget }, { beta }),
  );
  assertClose(value, (2 / beta) * Math.log(2), 1e-6, 'value');
  const ascent = numericGradient((t) => sum(answerTokenLogProbs(t).map(sum)) / 3, refTable);
  assertAllClose(gradient, ascent, 1e-4, 'gradient');
  policy.dispose();
});

test('the brake bites: once the forget answers are far below the reference, the gradient vanishes', () => {
  // Scaling the logits up makes the answers far likelier or far less likely than under the reference;
  // with u → −∞ the weight 2σ(βu) → 0.
  const collapsed = policyTable.map((row) => row.map((x) => -30 * x));
  const policy = new BigramModel(collapsed);
  const ref = new BigramModel(refTable, { trainable: false });
  const u = answerTokenLogProbs(collapsed)
    .map(sum)
    .map((l, i) => l - sum(answerTokenLogProbs(refTable)[i]));
  assert.ok(
    u.every((x) => x < -20),
    `u = ${u}`,
  );
  const { gradient } = valueAndGradient(policy, () => runNode<tf.Scalar>(npo, { policy, ref, forget }, { beta: 1 }));
  assert.ok(
    gradient.flat().every((g) => Math.abs(g) < 1e-6),
    `gradient ${gradient.flat()}`,
  );
  policy.dispose();
  ref.dispose();
});

test('no gradient reaches the reference, even a trainable one', () => {
  const policy = new BigramModel(policyTable);
  const ref = new BigramModel(refTable);
  const { grads } = tf.variableGrads(() => runNode<tf.Scalar>(npo, { policy, ref, forget }, {}), [ref.table]);
  assert.ok((grads[ref.table.name].arraySync() as number[][]).flat().every((g) => g === 0));
  policy.dispose();
  ref.dispose();
});

test('NodeTester: params, bad models, a context too short', async () => {
  const short = new BigramModel(policyTable, { contextLength: 3 });
  await new NodeTester(npo).run({
    valid: [
      {
        inputs: { policy: new BigramModel(policyTable), ref: new BigramModel(refTable), forget },
        params: { beta: 0.2 },
      },
    ],
    invalid: [
      { inputs: { policy: {}, ref: short, forget }, messageId: 'notLanguageModel', data: { port: 'policy' } },
      { inputs: { policy: short, ref: short, forget }, messageId: 'forgetContext' },
      { inputs: { policy: short, ref: short, forget }, params: { beta: 0 }, error: /beta/ },
    ],
  });
});

test.run();
