import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drawToken, samplingDistribution, tokenLogProb } from '../src/sampling.js';

// exp(logits) = 1, 2, 4: softmax = 1/7, 2/7, 4/7.
const logits = [0, Math.log(2), Math.log(4)];

function close(actual: ArrayLike<number>, expected: number[], tolerance = 1e-12) {
  assert.is(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) < tolerance, `[${i}] ${actual[i]} vs ${e}`));
}

test('softmax at temperature 1 and 2', () => {
  close(samplingDistribution(logits, { temperature: 1, topK: 0, topP: 1 }), [1 / 7, 2 / 7, 4 / 7]);
  // logits / 2 → exp = 1, √2, 2.
  const z = 3 + Math.SQRT2;
  close(samplingDistribution(logits, { temperature: 2, topK: 0, topP: 1 }), [1 / z, Math.SQRT2 / z, 2 / z]);
});

test('temperature 0 is greedy', () => {
  close(samplingDistribution(logits, { temperature: 0, topK: 0, topP: 1 }), [0, 0, 1]);
});

test('top-k keeps the k most likely and renormalises', () => {
  close(samplingDistribution(logits, { temperature: 1, topK: 2, topP: 1 }), [0, 1 / 3, 2 / 3]);
  close(samplingDistribution(logits, { temperature: 1, topK: 3, topP: 1 }), [1 / 7, 2 / 7, 4 / 7]);
});

test('top-p keeps the smallest set reaching p', () => {
  // 4/7 ≈ 0.571 reaches 0.5 alone; 0.6 needs the second token too.
  close(samplingDistribution(logits, { temperature: 1, topK: 0, topP: 0.5 }), [0, 0, 1]);
  close(samplingDistribution(logits, { temperature: 1, topK: 0, topP: 0.6 }), [0, 1 / 3, 2 / 3]);
});

test('top-p applies to the renormalised top-k distribution', () => {
  // After top-2 the leader has 2/3 ≥ 0.6, so it stays alone (4/7 < 0.6 would have kept two).
  close(samplingDistribution(logits, { temperature: 1, topK: 2, topP: 0.6 }), [0, 0, 1]);
});

test('drawToken inverts the cumulative sum and skips zero-mass tokens', () => {
  const probs = [0.2, 0, 0.8];
  assert.is(drawToken(probs, 0), 0);
  assert.is(drawToken(probs, 0.19), 0);
  assert.is(drawToken(probs, 0.2), 2);
  assert.is(drawToken(probs, 0.999999), 2);
  assert.is(drawToken([0.5, 0.5, 0], 1 - 1e-17), 1);
});

test('tokenLogProb is the tempered log softmax; temperature 0 reads as 1', () => {
  assert.ok(Math.abs(tokenLogProb(logits, 1, 1) - Math.log(2 / 7)) < 1e-12);
  assert.ok(Math.abs(tokenLogProb(logits, 1, 0) - Math.log(2 / 7)) < 1e-12);
  assert.ok(Math.abs(tokenLogProb(logits, 2, 2) - Math.log(2 / (3 + Math.SQRT2))) < 1e-12);
});

test.run();
