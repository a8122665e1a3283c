// The benchmark's metric nodes on tiny fixtures, against float64 values computed here from the
// bigram tables (not through the package's scoring code).
import { deflateSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { maxOf, minOf, tf, type Metrics } from '@sous/core';
import { BigramModel, NodeTester, runNode } from '@sous/core/testing';
import { answer_likelihood } from '../src/nodes/answer_likelihood.js';
import { forget_quality } from '../src/nodes/forget_quality.js';
import { mia } from '../src/nodes/mia.js';
import { harmonicMean, model_utility } from '../src/nodes/model_utility.js';
import { privacy_leakage } from '../src/nodes/privacy_leakage.js';
import { truth_ratio } from '../src/nodes/truth_ratio.js';
import { assertClose, policyTable, refTable } from './bigram-fixture.js';
import { dataset, meanOf, normalisedProbability, tokenScores } from './metrics-fixture.js';

const forgetExamples = [
  { prompt: 'a', answer: 'b', paraphrased: 'b', perturbed: ['a', 'aa'] },
  { prompt: 'ab', answer: 'ba', paraphrased: 'ba', perturbed: ['bb'] },
  { prompt: 'b', answer: 'aab', paraphrased: 'ab', perturbed: ['bbb', 'b'] },
  { prompt: 'a', answer: 'a', paraphrased: 'a', perturbed: ['b'] },
];
const holdoutExamples = [
  { prompt: 'b', answer: 'b', paraphrased: 'b', perturbed: ['a'] },
  { prompt: 'a', answer: 'aa', paraphrased: 'aa', perturbed: ['b'] },
  { prompt: 'bb', answer: 'ab', paraphrased: 'ab', perturbed: ['ba'] },
  { prompt: 'a', answer: 'bab', paraphrased: 'bab', perturbed: ['aba'] },
];
const forget = dataset('facts.forget', forgetExamples);
const holdout = dataset('facts.holdout', holdoutExamples);

const run = (node: Parameters<typeof runNode>[0], inputs: Record<string, unknown>, params = {}) =>
  tf.tidy(() => runNode<Metrics>(node, inputs, params));

/** Per example TR = exp(mean_j mean-token-lp(perturbed_j) − mean-token-lp(paraphrased)), float64. */
function truthRatiosByHand(table: number[][], examples: typeof forgetExamples): number[] {
  const meanLp = (prompt: string, answer: string) => meanOf(tokenScores(table, prompt, answer).map(([lp]) => lp));
  return examples.map(({ prompt, paraphrased, perturbed }) =>
    Math.exp(meanOf(perturbed.map((wrong) => meanLp(prompt, wrong))) - meanLp(prompt, paraphrased)),
  );
}

test.before(async () => {
  await tf.setBackend('cpu');
});

test('answer_likelihood: probability, greedy accuracy, exact memorisation, extraction strength', () => {
  const policy = new BigramModel(policyTable);
  const metrics = run(answer_likelihood, { policy, data: forget });
  const perExample = forgetExamples.map(({ prompt, answer }) => tokenScores(policyTable, prompt, answer));
  const hits = perExample.map((tokens) => tokens.map(([, hit]) => hit));
  // ES by its definition: the smallest k such that every prediction from position k on is a hit.
  const extraction = hits.map((row) => {
    let k = 0;
    while (k < row.length && !row.slice(k).every(Boolean)) k++;
    return 1 - k / row.length;
  });
  assert.equal(Object.keys(metrics).sort(), [
    'forget_accuracy',
    'forget_exact_memorization',
    'forget_extraction_strength',
    'forget_probability',
  ]);
  assertClose(
    metrics.forget_probability,
    meanOf(forgetExamples.map((e) => normalisedProbability(policyTable, e.prompt, e.answer))),
    1e-5,
  );
  assertClose(metrics.forget_accuracy, meanOf(hits.map((row) => (row.every(Boolean) ? 1 : 0))), 1e-9);
  assertClose(metrics.forget_exact_memorization, meanOf(hits.map((row) => meanOf(row.map(Number)))), 1e-9);
  assertClose(metrics.forget_extraction_strength, meanOf(extraction), 1e-9);
  // The fixture is not degenerate: some tokens hit, some miss, and the measures differ.
  assert.ok(hits.flat().some(Boolean) && !hits.flat().every(Boolean), `${hits}`);
  assert.ok(metrics.forget_exact_memorization !== metrics.forget_extraction_strength);
  policy.dispose();
});

test('truth_ratio: both aggregations against per-example ratios by hand', () => {
  const policy = new BigramModel(policyTable);
  const ratios = truthRatiosByHand(policyTable, forgetExamples);
  assert.ok(ratios.some((r) => r > 1) && ratios.some((r) => r < 1), `${ratios}`);
  const trueBetter = run(truth_ratio, { policy, data: forget }).forget_truth_ratio;
  assertClose(trueBetter, meanOf(ratios.map((r) => Math.max(0, 1 - r))), 1e-5, 'true_better');
  const closer = run(truth_ratio, { policy, data: forget }, { aggregate: 'closer_to_1' }).forget_truth_ratio;
  assertClose(closer, meanOf(ratios.map((r) => Math.min(r, 1 / r))), 1e-5, 'closer_to_1');
  policy.dispose();
});

test("forget_quality: log10 of the exact KS p-value between the two models' truth ratios", () => {
  // The policy prefers every true answer strongly; the "retrained" model is its sign-flipped copy.
  const knowing = [
    [0, 0, 0, 0, 0],
    [0, 0, 0, 4, 4],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 4],
    [0, 0, 0, 4, 0],
  ];
  const examples = [
    { prompt: 'a', answer: 'b', paraphrased: 'b', perturbed: ['a'] },
    { prompt: 'b', answer: 'a', paraphrased: 'a', perturbed: ['b'] },
    { prompt: 'ab', answer: 'a', paraphrased: 'a', perturbed: ['b'] },
  ];
  const policy = new BigramModel(knowing);
  const retrained = new BigramModel(knowing.map((row) => row.map((x) => -x)));
  const mine = truthRatiosByHand(knowing, examples);
  const theirs = truthRatiosByHand(retrained.table.arraySync() as number[][], examples);
  // Every policy ratio is below every retrained one: D = 1, and of the C(6, 3) = 20 merge orders
  // exactly 2 (all of one sample first) reach D = 1, so p = 2/20 = 0.1.
  assert.ok(maxOf(mine) < minOf(theirs), `${mine} / ${theirs}`);
  const metrics = run(forget_quality, { policy, retrained, forget: dataset('facts.forget', examples) });
  assertClose(metrics.forget_quality, Math.log10(0.1), 1e-9, 'log10 p');
  assert.is(metrics.forget_ks, 1);
  const same = run(forget_quality, { policy, retrained: policy, forget: dataset('facts.forget', examples) });
  assert.equal(same, { forget_quality: 0, forget_ks: 0 });
  policy.dispose();
  retrained.dispose();
});

test('model_utility: the harmonic mean of five measures computed by hand; 0 when one is 0', () => {
  assertClose(harmonicMean([1, 0.5, 0.25]), 3 / 7, 1e-12, 'hmean');
  assert.is(harmonicMean([0.5, 0]), 0);
  const policy = new BigramModel(policyTable);
  const retain = dataset('facts.retain', holdoutExamples);
  const general = dataset('facts.general', forgetExamples);
  const probability = (examples: typeof forgetExamples) =>
    meanOf(examples.map((e) => normalisedProbability(policyTable, e.prompt, e.answer)));
  const accuracy = (examples: typeof forgetExamples) =>
    meanOf(examples.map((e) => (tokenScores(policyTable, e.prompt, e.answer).every(([, hit]) => hit) ? 1 : 0)));
  const truth = meanOf(truthRatiosByHand(policyTable, holdoutExamples).map((r) => Math.max(0, 1 - r)));
  const parts = [
    probability(holdoutExamples),
    accuracy(holdoutExamples),
    truth,
    probability(forgetExamples),
    accuracy(forgetExamples),
  ];
  const expected = parts.every((x) => x > 0) ? parts.length / parts.reduce((s, x) => s + 1 / x, 0) : 0;
  assertClose(run(model_utility, { policy, retain, general }).model_utility, expected, 1e-5);
  policy.dispose();
});

/** P(forget score > holdout score) + ½ P(tie), by pairwise comparison. */
function pairwiseAuc(members: number[], others: number[]): number {
  let wins = 0;
  for (const m of members) for (const o of others) wins += m > o ? 1 : m === o ? 0.5 : 0;
  return wins / (members.length * others.length);
}

test("mia: each attack's AUC against scores and pairwise comparisons computed by hand", () => {
  const policy = new BigramModel(policyTable);
  const reference = new BigramModel(refTable);
  const k = 0.5;
  const lowest = (xs: number[]) =>
    meanOf([...xs].sort((x, y) => x - y).slice(0, Math.max(1, Math.floor(k * xs.length))));
  const attack = (examples: typeof forgetExamples) =>
    examples.map(({ prompt, answer }) => {
      const tokens = tokenScores(policyTable, prompt, answer);
      const lps = tokens.map(([lp]) => lp);
      const refLoss = -meanOf(tokenScores(refTable, prompt, answer).map(([lp]) => lp));
      return {
        loss: meanOf(lps),
        zlib: meanOf(lps) / deflateSync(Buffer.from(prompt + answer)).length,
        min_k: lowest(lps),
        min_k_plus_plus: lowest(tokens.map(([, , z]) => z)),
        reference: refLoss + meanOf(lps),
      };
    });
  const members = attack(forgetExamples);
  const others = attack(holdoutExamples);
  const metrics = run(mia, { policy, forget, holdout, reference }, { k });
  for (const name of ['loss', 'zlib', 'min_k', 'min_k_plus_plus', 'reference'] as const) {
    const expected = pairwiseAuc(
      members.map((s) => s[name]),
      others.map((s) => s[name]),
    );
    assertClose(metrics[`auc_${name}`], expected, 1e-6, name);
  }
  assert.ok(new Set(Object.values(metrics)).size > 1, `the attacks disagree somewhere: ${JSON.stringify(metrics)}`);
  assert.not.ok(
    'auc_reference' in run(mia, { policy, forget, holdout }, { k }),
    'no reference model, no reference attack',
  );
  policy.dispose();
  reference.dispose();
});

test('privacy_leakage: (s_policy − s_retrained)/s_retrained · 100 with s = 1 − AUC', () => {
  const policy = new BigramModel(policyTable);
  const retrained = new BigramModel(refTable);
  const auc = run(mia, { policy, forget, holdout }, { k: 0.4 }).auc_min_k;
  const aucRetrained = run(mia, { policy: retrained, forget, holdout }, { k: 0.4 }).auc_min_k;
  const metrics = run(privacy_leakage, { policy, retrained, forget, holdout });
  assertClose(metrics.privleak, ((1 - auc - (1 - aucRetrained)) / (1 - aucRetrained)) * 100, 1e-9);
  assert.is(metrics.auc, auc);
  assert.is(metrics.auc_retrained, aucRetrained);
  assert.ok(metrics.privleak !== 0);
  policy.dispose();
  retrained.dispose();
});

test('NodeTester: bad models, data without a tokenizer or perturbed answers, an empty split', async () => {
  const policy = new BigramModel(policyTable);
  const bare = { ...forget, vocab: undefined };
  const empty = dataset('facts.empty', []);
  const unperturbed = dataset('facts.retain', [{ prompt: 'a', answer: 'b' }]);
  await new NodeTester(answer_likelihood).run({
    invalid: [
      { inputs: { policy: {}, data: forget }, messageId: 'notLanguageModel' },
      { inputs: { policy, data: bare }, messageId: 'noTokenizer' },
      { inputs: { policy, data: empty }, messageId: 'emptyDataset' },
      {
        inputs: { policy: new BigramModel(policyTable, { contextLength: 2 }), data: forget },
        messageId: 'scoreContext',
      },
    ],
  });
  await new NodeTester(truth_ratio).run({
    invalid: [{ inputs: { policy, data: unperturbed }, messageId: 'noPerturbed' }],
  });
  await new NodeTester(privacy_leakage).run({
    invalid: [
      { inputs: { policy, retrained: policy, forget, holdout }, params: { attack: 'reference' }, error: /attack/ },
    ],
  });
  policy.dispose();
});

test.run();
