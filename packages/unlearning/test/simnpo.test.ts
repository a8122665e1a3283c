import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { simnpo } from '../src/nodes/simnpo.js';
import {
  answerTokenLogProbs,
  assertAllClose,
  assertClose,
  makeBatch,
  numericGradient,
  policyTable,
  valueAndGradient,
} from './bigram-fixture.js';

const forget = makeBatch();
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const softplus = (x: number) => Math.log1p(Math.exp(x));

/** −(2/β) log σ(−β ℓ̄ − γ), ℓ̄ the mean token log-prob of the answer (eos included), in float64. */
function reference(policy: number[][], beta: number, gamma: number): number {
  return mean(answerTokenLogProbs(policy).map((tokens) => (2 / beta) * softplus(beta * mean(tokens) + gamma)));
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('value and gradient against float64 and finite differences', () => {
  for (const [beta, gamma] of [
    [1, 0],
    [1, 2],
    [0.5, -1],
  ]) {
    const policy = new BigramModel(policyTable);
    const { value, gradient } = valueAndGradient(policy, () =>
      runNode<tf.Scalar>(simnpo, { policy, forget }, { beta, gamma }),
    );
    const label = `β=${beta} γ=${gamma}`;
    assertClose(value, reference(policyTable, beta, gamma), 1e-5, label);
    assertAllClose(
      gradient,
      numericGradient((t) => reference(t, beta, gamma), policyTable),
      1e-4,
      `${label} gradient`,
    );
    assert.ok(
      gradient.flat().some((g) => Math.abs(g) > 1e-3),
      'the gradient is not zero',
    );
    policy.dispose();
  }
});

test('length normalisation: repeating an answer token changes ℓ̄ by the mean, not the sum', () => {
  // One row, answer "a": ℓ̄ = (log p(a|bos→a…) …)/|y| by hand from the fixture's own float64 helper.
  const rows = [{ prompt: [3], answer: [3, 3, 3, 3] }];
  const policy = new BigramModel(policyTable);
  const value = tf.tidy(
    () => runNode<tf.Scalar>(simnpo, { policy, forget: makeBatch(rows) }, { beta: 1 }).dataSync()[0],
  );
  const tokens = answerTokenLogProbs(policyTable, rows)[0];
  assert.is(tokens.length, 5);
  assertClose(value, 2 * softplus(mean(tokens)), 1e-6, 'mean, not sum');
  policy.dispose();
});

test('the brake bites: improbable forget answers get no gradient', () => {
  const collapsed = policyTable.map((row) => row.map((x) => -40 * x));
  const policy = new BigramModel(collapsed);
  assert.ok(answerTokenLogProbs(collapsed).every((tokens) => mean(tokens) < -5));
  const { gradient } = valueAndGradient(policy, () => runNode<tf.Scalar>(simnpo, { policy, forget }, { beta: 4.5 }));
  assert.ok(
    gradient.flat().every((g) => Math.abs(g) < 1e-6),
    `gradient ${gradient.flat()}`,
  );
  policy.dispose();
});

test('NodeTester: bad model, short context, bad β', async () => {
  const short = new BigramModel(policyTable, { contextLength: 3 });
  await new NodeTester(simnpo).run({
    valid: [{ inputs: { policy: new BigramModel(policyTable), forget }, params: { beta: 2, gamma: 1 } }],
    invalid: [
      { inputs: { policy: 'x', forget }, messageId: 'notLanguageModel' },
      { inputs: { policy: short, forget }, messageId: 'forgetContext' },
      { inputs: { policy: short, forget }, params: { beta: -1 }, error: /beta/ },
    ],
  });
});

test.run();
