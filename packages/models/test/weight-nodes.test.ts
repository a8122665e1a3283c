import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { GptModel } from '../src/index.js';
import { graft } from '../src/nodes/graft.js';
import { merge } from '../src/nodes/merge.js';
import { taskArithmetic } from '../src/nodes/task_arithmetic.js';
import { smallGpts, config, vocab } from './helpers/small-gpts.js';
import { assertClose } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const { base, tuned, other } = smallGpts();
const wider = GptModel.create({ ...config, dModel: 12, dFF: 48 }, new Rng('wider'));

/** One weight of a model as numbers. */
const values = (model: GptModel, name = 'h.0.mlp.c_fc.weight') =>
  Array.from(model.namedVariables().get(name)!.dataSync());

test('models.merge: Σ wᵢ θᵢ, a new trainable model with the first model’s tokenizer', () => {
  const merged = runNode<GptModel>(merge, { models: [base, tuned, other] }, { weights: [0.5, 0.3, 0.2] });
  assert.is(merged.trainable, true);
  assert.is(merged.tokenizer, vocab);
  const [b, t, o] = [base, tuned, other].map((m) => values(m, 'wte.weight'));
  assertClose(
    values(merged, 'wte.weight'),
    b.map((v, i) => 0.5 * v + 0.3 * t[i] + 0.2 * o[i]),
    1e-6,
  );
  merged.dispose();
});

test('models.merge: weights must match the models and sum to 1; layouts must agree', async () => {
  await new NodeTester(merge).run({
    invalid: [
      {
        inputs: { models: [base, tuned] },
        params: { weights: [0.5, 0.3, 0.2] },
        messageId: 'weightCount',
        data: { models: 2, weights: 3 },
      },
      { inputs: { models: [base, tuned] }, params: { weights: [0.5, 0.6] }, messageId: 'weightSum' },
      {
        inputs: { models: [base, { kind: 'model' }] },
        params: { weights: [0.5, 0.5] },
        messageId: 'notGpt',
        data: { index: 2 },
      },
      {
        inputs: { models: [base, wider] },
        params: { weights: [0.5, 0.5] },
        messageId: 'layoutMismatch',
        data: {
          index: 2,
          weight: 'wte.weight',
          problem: 'has shape [13,8] in the first model and [13,12] in the second',
        },
      },
    ],
  });
});

test('models.task_arithmetic: θ_base + Σ λᵢ τᵢ; λ = 1 returns the fine-tuned model, λ = −1 reflects it', async () => {
  const same = runNode<GptModel>(taskArithmetic, { base, finetuned: [tuned] }, { scales: [1] });
  assertClose(values(same), values(tuned), 1e-6);
  const negated = runNode<GptModel>(taskArithmetic, { base, finetuned: [tuned, other] }, { scales: [-1, 0.5] });
  const [b, t, o] = [base, tuned, other].map((m) => values(m));
  assertClose(
    values(negated),
    b.map((v, i) => v - (t[i] - v) + 0.5 * (o[i] - v)),
    1e-5,
  );
  for (const m of [same, negated]) m.dispose();
  await new NodeTester(taskArithmetic).run({
    invalid: [
      {
        inputs: { base, finetuned: [tuned] },
        params: { scales: [1, 1] },
        messageId: 'scaleCount',
        data: { models: 1, scales: 2 },
      },
      { inputs: { base, finetuned: [wider] }, params: { scales: [1] }, messageId: 'layoutMismatch' },
    ],
  });
});

test('models.graft: exactly ⌈s·P⌉ parameters take the fine-tuned value, those that moved most', async () => {
  const grafted = runNode<GptModel>(graft, { pretrained: base, finetuned: tuned }, { sparsity: 0.01 });
  let total = 0;
  let fromTuned = 0;
  let smallestMoved = Infinity;
  let largestKept = 0;
  for (const [name, variable] of grafted.namedVariables()) {
    const g = variable.dataSync();
    const b = base.namedVariables().get(name)!.dataSync();
    const t = tuned.namedVariables().get(name)!.dataSync();
    for (let i = 0; i < g.length; i++) {
      total++;
      const movement = Math.abs(t[i] - b[i]);
      // Outside the mask θ_pre + 0·τ is θ_pre exactly; inside, θ_pre + τ is θ_ft up to float32 rounding.
      if (g[i] === b[i]) {
        largestKept = Math.max(largestKept, movement);
      } else {
        assert.ok(Math.abs(g[i] - t[i]) < 1e-6, `${name}[${i}]`);
        fromTuned++;
        smallestMoved = Math.min(smallestMoved, movement);
      }
    }
  }
  assert.is(fromTuned, Math.ceil(0.01 * total));
  assert.ok(smallestMoved >= largestKept, `${smallestMoved} ≥ ${largestKept}`);
  grafted.dispose();
  await new NodeTester(graft).run({
    invalid: [
      { inputs: { pretrained: base, finetuned: wider }, params: { sparsity: 0.01 }, messageId: 'layoutMismatch' },
    ],
  });
  assert.not.ok(graft.params.safeParse({ sparsity: 0 }).success);
});

test.after(() => {
  for (const m of [base, tuned, other, wider]) m.dispose();
});

test.run();
