import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeBatch, Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { type ComposedModel, GptModel } from '../src/index.js';
import { atlas } from '../src/nodes/atlas.js';
import { graft } from '../src/nodes/graft.js';
import { corda } from '../src/nodes/corda.js';
import { localize } from '../src/nodes/localize.js';
import { lora } from '../src/nodes/lora.js';
import { materialize } from '../src/nodes/materialize.js';
import { taskArithmetic } from '../src/nodes/task_arithmetic.js';
import { smallGpts, config, vocab } from './helpers/small-gpts.js';
import { assertClose } from './helpers/weight-maps.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const { base, tuned, other } = smallGpts();
const tokens = () =>
  tf.tensor2d(
    [
      [1, 4, 2, 7],
      [3, 3, 9, 0],
    ],
    [2, 4],
    'int32',
  );
const weightsOf = (model: GptModel) =>
  [...model.namedVariables()].map(([name, v]) => [name, Array.from(v.dataSync())] as const);

test('GptModel.logitsWith(its own weights) is logits()', () => {
  assert.equal(base.logitsWith(base.namedVariables(), tokens()).dataSync(), base.logits(tokens()).dataSync());
});

test('models.atlas: only Λ trains; at Λ = 0.3 it is task arithmetic with scales 0.3', () => {
  const composed = runNode<ComposedModel>(atlas, { base, finetuned: [tuned, other] }, { initial: 0.3 });
  assert.equal(
    [...composed.namedVariables()].map(([name, v]) => [name, v.shape]),
    [['atlas.coefficients', [2, base.namedVariables().size]]],
  );
  const reference = runNode<GptModel>(taskArithmetic, { base, finetuned: [tuned, other] }, { scales: [0.3, 0.3] });
  const baked = runNode<GptModel>(materialize, { model: composed });
  for (const [[name, got], [, want]] of weightsOf(baked).map((w, i) => [w, weightsOf(reference)[i]] as const)) {
    assertClose(got, want, 1e-5, name);
  }
  assertClose(composed.logits(tokens()).dataSync(), reference.logits(tokens()).dataSync(), 1e-4, 'logits');
  const isotropic = runNode<ComposedModel>(atlas, { base, finetuned: [tuned, other] }, { sharing: 'task' });
  assert.equal(isotropic.namedVariables().get('atlas.coefficients')!.shape, [2, 1]);
  for (const m of [composed, reference, baked, isotropic]) m.dispose();
});

test('models.atlas: the gradient of a loss on the logits in Λ matches central differences', () => {
  const composed = runNode<ComposedModel>(atlas, { base, finetuned: [tuned, other] }, {});
  const lambda = composed.namedVariables().get('atlas.coefficients')!;
  const weight = tf.randomNormal([2, 4, vocab.vocabSize], 0, 1, 'float32', 7);
  const loss = () => tf.sum(tf.mul(composed.logits(tokens()), weight)) as tf.Scalar;
  const { grads } = tf.variableGrads(loss, [lambda]);
  const analytic = grads[lambda.name].dataSync();
  const start = lambda.arraySync() as number[][];
  const h = 1e-2;
  for (const [t, b] of [
    [0, 0],
    [1, 3],
    [0, 7],
    [1, 12],
  ]) {
    const at = (delta: number) => {
      const moved = start.map((row) => [...row]);
      moved[t][b] += delta;
      lambda.assign(tf.tensor2d(moved));
      return loss().dataSync()[0];
    };
    const numeric = (at(h) - at(-h)) / (2 * h);
    const index = t * start[0].length + b;
    assert.ok(
      Math.abs(analytic[index] - numeric) < 1e-2 * (1 + Math.abs(numeric)),
      `λ[${t}][${b}]: ${analytic[index]} vs ${numeric}`,
    );
  }
  composed.dispose();
});

test('models.localize: trains the scores through the relaxation; decodes and materialises the hard top-s graft', () => {
  const localized = runNode<ComposedModel>(localize, { pretrained: base, finetuned: tuned }, { sparsity: 0.05 });
  const names = [...localized.namedVariables().keys()];
  assert.is(names.length, base.namedVariables().size);
  assert.ok(names.every((n) => n.startsWith('localize.scores.')));
  // At the start the top-s scores are the movement mask: the hard graft is models.graft's.
  const hard = runNode<GptModel>(materialize, { model: localized });
  const movement = runNode<GptModel>(graft, { pretrained: base, finetuned: tuned }, { sparsity: 0.05 });
  assert.equal(weightsOf(hard), weightsOf(movement));
  // The training-time logits are the relaxed graft's, not the hard one's.
  const relaxed = localized.logits(tokens()).dataSync();
  const hardLogits = hard.logits(tokens()).dataSync();
  assert.ok(relaxed.some((v, i) => Math.abs(v - hardLogits[i]) > 1e-3));
  // Decoding runs on the hard graft.
  const cache = localized.newCache(2);
  assertClose(localized.decode(tokens(), cache).dataSync(), hardLogits, 1e-4, 'decode');
  cache.dispose();
  for (const m of [localized, hard, movement]) m.dispose();
});

test('models.lora: starts equal to the model; only A, B of the block matrices train; W + (α/r)(B A)ᵀ', async () => {
  const adapted = runNode<ComposedModel>(lora, { model: base }, { rank: 2, alpha: 4 });
  const names = [...adapted.namedVariables().keys()];
  assert.equal(names.slice(0, 2), ['lora.h.0.attn.c_attn.weight.a', 'lora.h.0.attn.c_attn.weight.b']);
  assert.is(names.length, 8);
  assert.equal(adapted.logits(tokens()).dataSync(), base.logits(tokens()).dataSync());
  // Give one adapter known factors: B = [[1, 0], …] (d_out × r), A = ones (r × d_in).
  const b = adapted.namedVariables().get('lora.h.0.mlp.c_fc.weight.b')!;
  const a = adapted.namedVariables().get('lora.h.0.mlp.c_fc.weight.a')!;
  const [outputs, rank] = b.shape as [number, number];
  const inputs = a.shape[1]!;
  b.assign(
    tf.tensor2d(
      Array.from({ length: outputs * rank }, (_, k) => (k % rank === 0 ? Math.floor(k / rank) : 0)),
      [outputs, rank],
    ),
  );
  a.assign(tf.ones([rank, inputs]));
  const merged = runNode<GptModel>(materialize, { model: adapted });
  const w = base.namedVariables().get('h.0.mlp.c_fc.weight')!.arraySync() as number[][];
  // (B A)ᵀ[i][j] = Σ_k B[j][k] A[k][i] = j (row j of B is [j, 0]), scaled by α / r = 2.
  const expected = w.map((row) => row.map((v, j) => v + 2 * j));
  assertClose(merged.namedVariables().get('h.0.mlp.c_fc.weight')!.dataSync(), expected.flat(), 1e-5);
  assert.equal(
    merged.namedVariables().get('wte.weight')!.dataSync(),
    base.namedVariables().get('wte.weight')!.dataSync(),
  );
  await new NodeTester(lora).run({
    invalid: [{ inputs: { model: base }, params: { rank: 9 }, messageId: 'rankTooLarge', data: { rank: 9, limit: 8 } }],
  });
  adapted.dispose();
  merged.dispose();
});

const context = {
  kind: 'dataset' as const,
  name: 'digits',
  size: 6,
  get: (i: number) => ({ prompt: `${i}${(i * 7) % 10}${(i * 3) % 10}`, answer: `${(i * 5) % 10}${i}` }),
};

test('models.corda: starts equal to the model; KPA adapts what the context excites least, IPA most', async () => {
  const energy = (m: ComposedModel, name: string, gram: number[][]) => {
    // tr(B A G (B A)ᵀ): the adapter's output energy on the context inputs, in float64.
    const a = m.namedVariables().get(`corda.${name}.a`)!.arraySync() as number[][];
    const b = m.namedVariables().get(`corda.${name}.b`)!.arraySync() as number[][];
    const ba = b.map((row) => a[0].map((_, j) => row.reduce((s, v, k) => s + v * a[k][j], 0)));
    return ba.reduce(
      (sum, row) => sum + row.reduce((s, v, i) => s + v * row.reduce((t, u, j) => t + u * gram[i][j], 0), 0),
      0,
    );
  };
  const kpa = runNode<ComposedModel>(corda, { model: base, context }, { rank: 2, mode: 'kpa' });
  const ipa = runNode<ComposedModel>(corda, { model: base, context }, { rank: 2, mode: 'ipa' });
  assert.equal(kpa.namedVariables().get('corda.h.0.mlp.c_fc.weight.a')!.shape, [2, 8]);
  assert.equal(kpa.namedVariables().get('corda.h.0.mlp.c_fc.weight.b')!.shape, [32, 2]);
  for (const m of [kpa, ipa])
    assertClose(m.logits(tokens()).dataSync(), base.logits(tokens()).dataSync(), 1e-4, 'W′ + BA = W');
  const batch = encodeBatch([0, 1, 2, 3, 4, 5].map(context.get), vocab, 'digits');
  const grams = base.linearInputGrams(
    tf.tensor2d(batch.tokens, [batch.size, batch.length], 'int32'),
    tf.tensor2d(
      batch.tokens.map(() => 1),
      [batch.size, batch.length],
    ),
  );
  for (const name of ['h.0.attn.c_attn.weight', 'h.0.mlp.c_fc.weight', 'h.0.mlp.c_proj.weight']) {
    const [low, high] = [energy(kpa, name, grams.get(name)!), energy(ipa, name, grams.get(name)!)];
    assert.ok(low < high, `${name}: KPA ${low} vs IPA ${high}`);
  }
  await new NodeTester(corda).run({
    invalid: [
      {
        inputs: { model: base, context },
        params: { mode: 'kpa', rank: 9 },
        messageId: 'rankTooLarge',
        data: { rank: 9, limit: 8 },
      },
      {
        inputs: { model: GptModel.create(config, new Rng('bare')), context },
        params: { mode: 'ipa' },
        messageId: 'noTokenizer',
      },
    ],
  });
  kpa.dispose();
  ipa.dispose();
});

test('models.materialize: only a composed model', async () => {
  await new NodeTester(materialize).run({ invalid: [{ inputs: { model: base }, messageId: 'notComposed' }] });
});

test.after(() => {
  for (const m of [base, tuned, other]) m.dispose();
});

test.run();
