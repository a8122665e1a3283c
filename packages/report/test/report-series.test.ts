import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MetricRecord } from '../src/metrics.js';
import { lastValueIn, shapeRun } from '../src/series.js';

const train = (stage: string, step: number, values: Record<string, number | null>): MetricRecord => ({
  kind: 'train',
  stage,
  step,
  values,
});
const evalRecord = (stage: string, step: number, values: Record<string, number | null>): MetricRecord => ({
  kind: 'eval',
  stage,
  step,
  values,
});

test('stages are laid one after another; a line breaks at each boundary (x = start - 0.5)', () => {
  const shaped = shapeRun([
    train('sft', 0, { loss: 3 }),
    train('sft', 1, { loss: 2 }),
    train('sft', 2, { loss: 1 }),
    train('grpo', 0, { loss: 0.5, reward: 0.1 }),
    train('grpo', 1, { loss: 0.25, reward: 0.2 }),
  ]);
  // sft spans steps 0..2 (3 steps), so grpo's step 0 is x = 3.
  assert.equal(shaped.stages, [
    { name: 'sft', start: 0, steps: 3 },
    { name: 'grpo', start: 3, steps: 2 },
  ]);
  assert.equal(shaped.series, [
    { metric: 'loss', kind: 'train', x: [0, 1, 2, 2.5, 3, 4], y: [3, 2, 1, null, 0.5, 0.25] },
    { metric: 'reward', kind: 'train', x: [3, 4], y: [0.1, 0.2] },
  ]);
});

test('eval records are their own series, beside the train series of the same metric', () => {
  const shaped = shapeRun([
    train('sft', 0, { loss: 2, accuracy: 0.1 }),
    evalRecord('sft', 0, { accuracy: 0.3 }),
    train('sft', 1, { loss: 1, accuracy: 0.2 }),
    evalRecord('sft', 1, { accuracy: 0.4, 'pass@8': 0.9 }),
  ]);
  assert.equal(
    shaped.series.map((s) => `${s.metric}/${s.kind}`),
    ['loss/train', 'accuracy/train', 'accuracy/eval', 'pass@8/eval'],
  );
  assert.equal(shaped.series[2], { metric: 'accuracy', kind: 'eval', x: [0, 1], y: [0.3, 0.4] });
});

test('a missing metric adds no point; a null (non-finite) value is a gap', () => {
  const shaped = shapeRun([
    train('sft', 0, { loss: 4, entropy: 1 }),
    train('sft', 1, { loss: null }),
    train('sft', 2, { loss: 2 }),
    train('sft', 3, { loss: 1, entropy: 0.5 }),
  ]);
  assert.equal(shaped.series[0], { metric: 'loss', kind: 'train', x: [0, 1, 2, 3], y: [4, null, 2, 1] });
  assert.equal(shaped.series[1], { metric: 'entropy', kind: 'train', x: [0, 3], y: [1, 0.5] });
});

test('stage order follows the plan; steps are sorted within a stage; a stage spans its largest logged step', () => {
  const shaped = shapeRun(
    [
      train('grpo', 1, { loss: 0.2 }),
      train('grpo', 0, { loss: 0.3 }),
      train('sft', 0, { loss: 2 }),
      train('sft', 10, { loss: 1 }),
      evalRecord('sft', 12, { accuracy: 0.5 }),
    ],
    ['sft', 'grpo', 'never-ran'],
  );
  // sft logs up to step 12 (its eval), so it spans 13 steps and grpo starts at x = 13.
  assert.equal(shaped.stages, [
    { name: 'sft', start: 0, steps: 13 },
    { name: 'grpo', start: 13, steps: 2 },
  ]);
  assert.equal(shaped.series[0], {
    metric: 'loss',
    kind: 'train',
    x: [0, 10, 12.5, 13, 14],
    y: [2, 1, null, 0.3, 0.2],
  });
  assert.equal(shaped.series[1], { metric: 'accuracy', kind: 'eval', x: [12], y: [0.5] });
});

test('stages missing from the plan follow in order of first appearance', () => {
  const shaped = shapeRun([train('b', 0, { loss: 1 }), train('a', 0, { loss: 1 }), train('c', 1, { loss: 1 })], ['c']);
  assert.equal(shaped.stages, [
    { name: 'c', start: 0, steps: 2 },
    { name: 'b', start: 2, steps: 1 },
    { name: 'a', start: 3, steps: 1 },
  ]);
});

test('no records: no stages and no series', () => {
  assert.equal(shapeRun([], ['sft']), { stages: [], series: [] });
});

test('lastValueIn takes the last non-null value inside [from, to)', () => {
  const series = { metric: 'loss', kind: 'train' as const, x: [0, 1, 2, 2.5, 3, 4], y: [3, 2, 1, null, 0.5, null] };
  assert.is(lastValueIn(series, 0, 3), 1);
  assert.is(lastValueIn(series, 3, 5), 0.5);
  assert.is(lastValueIn(series, 5, 9), undefined);
});

test.run();
