import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { completeLines, parseMetrics } from '../src/metrics.js';

test('train and eval records keep their stage, step and numeric values', () => {
  const text = [
    '{"stage":"sft","step":0,"loss":1.5,"lr":0.0003,"note":"warmup","ok":true}',
    '{"kind":"eval","stage":"sft","step":0,"accuracy":0.25}',
    '{"kind":"train","stage":"sft","step":1,"loss":null}',
  ].join('\n');
  const { records, warnings } = parseMetrics(text, 'metrics.jsonl');
  assert.equal(warnings, []);
  assert.equal(records, [
    { kind: 'train', stage: 'sft', step: 0, values: { loss: 1.5, lr: 0.0003 } },
    { kind: 'eval', stage: 'sft', step: 0, values: { accuracy: 0.25 } },
    { kind: 'train', stage: 'sft', step: 1, values: { loss: null } },
  ]);
});

test('a truncated line is skipped with a warning naming file and line; the rest is kept', () => {
  const text =
    '{"stage":"sft","step":0,"loss":1}\n\n{"stage":"sft","step":1,"lo\n{"stage":"sft","step":2,"loss":0.5}\n';
  const { records, warnings } = parseMetrics(text, 'runs/a/metrics.jsonl');
  assert.equal(
    records.map((r) => r.step),
    [0, 2],
  );
  assert.is(warnings.length, 1);
  assert.match(warnings[0], /^runs\/a\/metrics\.jsonl:3: skipped a line that is not valid JSON \(.+\)\.$/);
});

test('lines that parse but are not records are skipped, each naming its line and why', () => {
  const text = [
    '[1, 2]',
    '{"step":1,"loss":1}',
    '{"stage":"sft","step":-1,"loss":1}',
    '{"stage":"sft","step":1.5,"loss":1}',
    '{"stage":"sft","step":"3","loss":1}',
    '{"kind":"checkpoint","stage":"sft","step":3}',
  ].join('\n');
  const { records, warnings } = parseMetrics(text, 'm.jsonl');
  assert.equal(records, []);
  assert.equal(warnings, [
    'm.jsonl:1: skipped a line that is not a JSON object.',
    'm.jsonl:2: skipped a line with no "stage" name.',
    'm.jsonl:3: skipped a line whose "step" is not a whole number >= 0.',
    'm.jsonl:4: skipped a line whose "step" is not a whole number >= 0.',
    'm.jsonl:5: skipped a line whose "step" is not a whole number >= 0.',
    'm.jsonl:6: skipped a line with an unknown kind "checkpoint" (expected "train" or "eval").',
  ]);
});

test('completeLines drops a last line still being written', () => {
  assert.is(completeLines('{"a":1}\n{"a":'), '{"a":1}\n');
  assert.is(completeLines('{"a":1}\n'), '{"a":1}\n');
  assert.is(completeLines('{"a":'), '');
  assert.is(completeLines(''), '');
});

test.run();
