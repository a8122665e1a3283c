import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tf, type Batch, type DecodeCache, type LanguageModel } from '@sous/core';
import { NodeTester, runNode, BigramModel } from '@sous/core/testing';
import { rmu, steeringDirection } from '../src/nodes/rmu.js';
import { assertAllClose, assertClose, makeBatch, numericGradient } from './bigram-fixture.js';

/** A model whose hidden state after `layers` blocks is layers · E[token]: activations by hand. */
class EmbeddingModel implements LanguageModel {
  readonly kind = 'model' as const;
  readonly vocabSize = 5;
  readonly contextLength = 16;
  readonly layerCount = 2;
  readonly table: tf.Variable;
  constructor(
    embeddings: number[][],
    readonly trainable = true,
  ) {
    this.table = tf.variable(tf.tensor2d(embeddings), trainable);
  }
  namedVariables() {
    return new Map([['embeddings', this.table]]);
  }
  hiddenStates(tokens: tf.Tensor2D, layers: number): tf.Tensor3D {
    const [batch, time] = tokens.shape;
    const rows = tf.matMul(tf.oneHot(tf.reshape(tokens, [-1]), this.vocabSize), this.table);
    return tf.reshape(tf.mul(rows, layers), [batch, time, -1]);
  }
  logits(): tf.Tensor3D {
    throw new Error('not used');
  }
  newCache(): DecodeCache {
    throw new Error('not used');
  }
  decode(): tf.Tensor3D {
    throw new Error('not used');
  }
}

const policyEmbeddings = [
  [0.1, -0.2, 0.3],
  [0.5, 0.1, -0.4],
  [-0.3, 0.2, 0.6],
  [0.2, 0.7, -0.1],
  [-0.5, 0.3, 0.2],
];
const refEmbeddings = policyEmbeddings.map((row, i) => row.map((x, k) => x + 0.1 * Math.sin(3 * i + k)));
const forget = makeBatch();
const retain = makeBatch([
  { prompt: [4], answer: [4, 3] },
  { prompt: [3, 3], answer: [4] },
]);

/** The loss in float64 from the embeddings, by its definition. */
function reference(
  policy: number[][],
  { layer, steering, alpha, seed }: { layer: number; steering: number; alpha: number; seed: number },
): number {
  const u = Array.from(steeringDirection(3, seed));
  const term = (batch: Batch, target: (token: number) => number[]) => {
    let total = 0;
    for (let row = 0; row < batch.size; row++) {
      let sum = 0;
      let count = 0;
      for (let t = 0; t < batch.length; t++) {
        if (batch.targetMask[row * batch.length + t] === 0) continue;
        const token = batch.tokens[row * batch.length + t];
        const goal = target(token);
        sum += policy[token].reduce((s, x, k) => s + (layer * x - goal[k]) ** 2, 0) / 3;
        count++;
      }
      total += sum / count;
    }
    return total / batch.size;
  };
  const forgetTerm = term(forget, () => u.map((x) => steering * x));
  const retainTerm = term(retain, (token) => refEmbeddings[token].map((x) => layer * x));
  return forgetTerm + alpha * retainTerm;
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('the steering direction: a unit vector with non-negative coordinates, fixed by the seed', () => {
  const u = Array.from(steeringDirection(8, 3));
  assertClose(Math.sqrt(u.reduce((s, x) => s + x * x, 0)), 1, 1e-6, 'norm');
  assert.ok(u.every((x) => x >= 0));
  assert.equal(Array.from(steeringDirection(8, 3)), u);
  assert.not.equal(Array.from(steeringDirection(8, 4)), u);
});

test('value and gradient against float64 and finite differences', () => {
  for (const params of [
    { layer: 1, steering: 2, alpha: 1, seed: 0 },
    { layer: 2, steering: 5, alpha: 10, seed: 1 },
  ]) {
    const policy = new EmbeddingModel(policyEmbeddings);
    const ref = new EmbeddingModel(refEmbeddings, false);
    const { value, grads } = tf.variableGrads(
      () => runNode<tf.Scalar>(rmu, { policy, ref, forget, retain }, params),
      [policy.table],
    );
    assertClose(value.dataSync()[0], reference(policyEmbeddings, params), 1e-5, `value ${JSON.stringify(params)}`);
    const gradient = grads[policy.table.name].arraySync() as number[][];
    assertAllClose(
      gradient,
      numericGradient((table) => reference(table, params), policyEmbeddings),
      1e-4,
      'gradient',
    );
    assert.ok(gradient.flat().some((g) => Math.abs(g) > 1e-3));
  }
});

test('the retain term bites: α scales it, and with the policy at the reference it is 0', () => {
  const ref = new EmbeddingModel(refEmbeddings, false);
  const atRef = new EmbeddingModel(refEmbeddings);
  const at = (alpha: number) =>
    tf.tidy(() => runNode<tf.Scalar>(rmu, { policy: atRef, ref, forget, retain }, { alpha }).dataSync()[0]);
  assertClose(at(0), at(1000), 1e-6, 'no retain loss at the reference');
  const moved = new EmbeddingModel(policyEmbeddings);
  const movedAt = (alpha: number) =>
    tf.tidy(() => runNode<tf.Scalar>(rmu, { policy: moved, ref, forget, retain }, { alpha }).dataSync()[0]);
  assert.ok(movedAt(10) > movedAt(0) + 1e-3);
});

test('NodeTester: a model without hidden states, a layer too deep', async () => {
  const policy = new EmbeddingModel(policyEmbeddings);
  await new NodeTester(rmu).run({
    invalid: [
      {
        inputs: { policy: new BigramModel(policyEmbeddings.map(() => [0, 0, 0, 0, 0])), ref: policy, forget, retain },
        messageId: 'noHiddenStates',
      },
      { inputs: { policy, ref: policy, forget, retain }, params: { layer: 3 }, messageId: 'layerOutOfRange' },
      { inputs: { policy: 1, ref: policy, forget, retain }, messageId: 'notLanguageModel' },
    ],
  });
});

test.run();
