// The provenance nodes on models whose likelihoods are computable by hand (BigramModel), and the
// retraining p-value on its definition.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BigramModel, NodeTester, runNode, testContext } from '@sous/core/testing';
import type { Dataset, Metrics, Task } from '@sous/core';
import plugin from '../src/index.js';
import { in_order } from '../src/nodes/in_order.js';
import { markov_corpus } from '../src/nodes/markov_corpus.js';
import { provenance_query } from '../src/nodes/provenance_query.js';
import { provenance_text } from '../src/nodes/provenance_text.js';
import { letterTokenizer, sequenceTask } from '../src/provenance/markov-corpus.js';
import { retrainingPValue } from '../src/provenance/retraining-p-value.js';

// Tokens: pad 0, bos 1, eos 2, a 3, b 4. After any token the table favours b (logit 2) over a (0).
const vocab = letterTokenizer(2);
const favoursB = [0, 0, 0, 0, 2];
const bigram = (row: number[] = favoursB, trainable = true) =>
  new BigramModel([row, row, row, row, row], { tokenizer: vocab, trainable });

/** log softmax of `row` at `token`, in float64. */
function logProb(row: number[], token: number): number {
  const total = row.reduce((sum, logit) => sum + Math.exp(logit), 0);
  return row[token] - Math.log(total);
}

/** Five sequences of 4 letters, the i-th with i b's: later examples are likelier under favoursB. */
const texts = ['aaaa', 'baaa', 'bbaa', 'bbba', 'bbbb'];
const corpus: Task = sequenceTask('five', texts, ['abab'], vocab);

test('markov_corpus: sizes, letters, determinism, a vocabulary shared across seeds', () => {
  const make = (params: Record<string, unknown>) => runNode<Task>(markov_corpus, {}, params);
  const task = make({ sequences: 50, test: 7, length: 9, states: 5, seed: 3 });
  assert.is(task.train.size, 50);
  assert.is(task.test.size, 7);
  for (let i = 0; i < 50; i++) assert.match(task.train.get(i).answer, /^[a-e]{9}$/);
  assert.is(
    make({ sequences: 50, test: 7, length: 9, states: 5, seed: 3 }).train.get(17).answer,
    task.train.get(17).answer,
  );
  const other = make({ sequences: 50, test: 7, length: 9, states: 5, seed: 4 });
  assert.is.not(
    other.train.get(0).answer + other.train.get(1).answer,
    task.train.get(0).answer + task.train.get(1).answer,
  );
  assert.equal(other.vocab.encode('abe'), task.vocab.encode('abe'));
  // Without a seed the corpus follows the recipe's.
  const fromRecipe = runNode<Task>(markov_corpus, {}, { sequences: 5 }, testContext({ seed: 3 }));
  assert.is(fromRecipe.train.get(0).answer, make({ sequences: 5, seed: 3 }).train.get(0).answer);
  // Sharpness 0 is a uniform chain: every letter about equally often.
  const uniform = make({ sequences: 400, length: 10, states: 4, sharpness: 0, seed: 1 });
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 400; i++) for (const char of uniform.train.get(i).answer) counts[char.charCodeAt(0) - 97]++;
  counts.forEach((count) => assert.ok(Math.abs(count / 4000 - 0.25) < 0.03, `${counts}`));
});

test('in_order: batches follow the stored order and wrap around', async () => {
  await new NodeTester(in_order, plugin).run({
    valid: [
      {
        name: 'step 0',
        inputs: { data: corpus.train },
        params: { size: 2 },
        check: (batch) =>
          assert.equal((batch as { examples: unknown[] }).examples, [corpus.train.get(0), corpus.train.get(1)]),
      },
      {
        name: 'step 2 wraps',
        inputs: { data: corpus.train },
        params: { size: 2 },
        context: { step: 2 },
        check: (batch) => {
          const { examples, tokens, targetMask, length } = batch as {
            examples: unknown[];
            tokens: Int32Array;
            targetMask: Float32Array;
            length: number;
          };
          assert.equal(examples, [corpus.train.get(4), corpus.train.get(0)]);
          // bos b b b b eos, targets on the letters and eos.
          assert.equal(Array.from(tokens.subarray(0, length)), [1, 4, 4, 4, 4, 2]);
          assert.equal(Array.from(targetMask.subarray(0, length)), [0, 1, 1, 1, 1, 1]);
        },
      },
    ],
    invalid: [
      { inputs: { data: { ...corpus.train, vocab: undefined } }, messageId: 'noTokenizer' },
      { inputs: { data: { ...corpus.train, size: 0 } as Dataset }, messageId: 'emptyDataset' },
    ],
  });
});

test('provenance_query: likelihoods by hand, ρ = 1 and the exact p = 1/5! when later is likelier', async () => {
  // Mean log-likelihood of example i: (i·log p(b) + (4 − i)·log p(a) + log p(eos)) / 5.
  const expected = texts.map(
    (_, i) => (i * logProb(favoursB, 4) + (4 - i) * logProb(favoursB, 3) + logProb(favoursB, 2)) / 5,
  );
  assert.ok(expected[4] > expected[0]);
  await new NodeTester(provenance_query, plugin).run({
    valid: [
      {
        name: 'a derivative: scores rise with the order',
        inputs: { model: bigram(), data: corpus.train },
        expect: { rho: 1, p_value: 1 / 120, log10_p_value: Math.log10(1 / 120), examples: 5, exact: 1 },
      },
      {
        name: 'favouring a reverses the order',
        inputs: { model: bigram([0, 0, 0, 2, 0]), data: corpus.train },
        check: (output) => {
          assert.is((output as Metrics).rho, -1);
          assert.is((output as Metrics).p_value, 1);
        },
      },
      {
        name: 'a reference model that favours b twice as much flips the normalised scores',
        inputs: { model: bigram(), data: corpus.train, reference: bigram([0, 0, 0, 0, 4]) },
        params: { alternative: 'less' },
        check: (output) => assert.is((output as Metrics).p_value, 1 / 120),
      },
      {
        name: 'three evenly spaced examples: 0, 2, 4',
        inputs: { model: bigram(), data: corpus.train },
        params: { examples: 3 },
        expect: { rho: 1, p_value: 1 / 6, log10_p_value: Math.log10(1 / 6), examples: 3, exact: 1 },
      },
    ],
    invalid: [
      {
        inputs: { model: bigram(), data: corpus.train, reference: bigram() },
        messageId: 'constantScores',
        data: { count: 5 },
      },
      {
        inputs: { model: bigram(), data: corpus.train },
        params: { examples: 2 },
        messageId: 'tooFew',
        data: { count: 2 },
      },
      {
        inputs: { model: { kind: 'model' }, data: corpus.train },
        messageId: 'notLanguageModel',
        data: { port: 'model' },
      },
      {
        inputs: {
          model: new BigramModel([favoursB, favoursB, favoursB, favoursB, favoursB], { contextLength: 3 }),
          data: corpus.train,
        },
        messageId: 'tooLong',
      },
      { inputs: { model: bigram(), data: { ...corpus.train, vocab: undefined } }, messageId: 'noTokenizer' },
      {
        inputs: { model: bigram(), data: corpus.train },
        params: { alternative: 'up' },
        error: /^parameter alternative:/,
      },
    ],
  });
  // The scores themselves, through a reference of all-zero logits (log-likelihood log(1/5) a token).
  const normalised = runNode<Metrics>(provenance_query, {
    model: bigram(),
    data: corpus.train,
    reference: bigram([0, 0, 0, 0, 0]),
  });
  assert.is(normalised.rho, 1);
  assert.ok(expected.every((score, i) => i === 0 || score - Math.log(1 / 5) > expected[i - 1] - Math.log(1 / 5)));
});

test('retraining p-value: (1 + #{replicas scoring at least Alice}) / (K + 1)', () => {
  assert.is(retrainingPValue(-1, [-2, -3, -1.5]), 1 / 4);
  assert.is(retrainingPValue(-2, [-1, -3, -2]), 3 / 4); // a tie counts against Alice
  assert.is(retrainingPValue(-5, [-1, -2]), 1);
  assert.throws(() => retrainingPValue(-1, []), /at least one replica/);
  assert.throws(() => retrainingPValue(NaN, [-1]), /NaN/);
});

test('provenance_text: text from Alice fits Alice better than every replica', async () => {
  const alice = bigram([0, 0, 1, 0, 3]);
  const replicas = [bigram([0, 0, 1, 3, 0]), bigram([0, 0, 1, 1, 1]), bigram([0, 0, 1, 2, 2])];
  await new NodeTester(provenance_text, plugin).run({
    valid: [
      {
        name: 'the writer is Alice',
        inputs: { writer: alice, alice, replicas },
        params: { sequences: 8, max_new: 12 },
        check: (output) => {
          const metrics = output as Metrics;
          assert.is(metrics.p_value, 1 / 4);
          assert.ok(metrics.tokens > 0 && metrics.tokens <= 8 * 12);
          assert.ok(metrics.alice_score > metrics.replica_score);
        },
      },
      {
        name: 'the writer is a replica',
        inputs: { writer: replicas[0], alice, replicas },
        params: { sequences: 8, max_new: 12 },
        check: (output) => assert.ok((output as Metrics).p_value > 1 / 4),
      },
    ],
    invalid: [
      { inputs: { writer: alice, alice, replicas: [] }, messageId: 'noReplicas' },
      {
        inputs: { writer: new BigramModel([favoursB, favoursB, favoursB, favoursB, favoursB]), alice, replicas },
        messageId: 'noTokenizer',
      },
      { inputs: { writer: alice, alice, replicas }, params: { max_new: 64 }, messageId: 'tooLong' },
      {
        inputs: { writer: alice, alice: { kind: 'model' }, replicas },
        messageId: 'notLanguageModel',
        data: { port: 'alice' },
      },
    ],
  });
});

test.run();
