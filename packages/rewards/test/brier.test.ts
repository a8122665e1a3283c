import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards, Task } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { brier } from '../src/nodes/brier.js';
import { close, rolloutsOf } from './rollouts.js';

const task = {
  kind: 'task',
  verify: (completion: string, example: { answer: string }) => completion === example.answer,
} as unknown as Task;

test('R = c − (q − c)²: correctness minus the Brier score', () => {
  const rollouts = rolloutsOf(
    [
      '46 <confidence>0.8</confidence>',
      '45<confidence>0.8</confidence>',
      '46<confidence>1</confidence>',
      '45 <confidence> .25 </confidence>',
    ],
    '46',
  );
  // 1 − 0.2² = 0.96; 0 − 0.8² = −0.64; 1 − 0 = 1; 0 − 0.25² = −0.0625.
  const out = runNode<Rewards>(brier, { rollouts, task }, {});
  assert.ok(close(out, [0.96, -0.64, 1, -0.0625]), String(Array.from(out)));
});

test('missing or out-of-range confidence gets the format penalty; custom pattern and scale', () => {
  const rollouts = rolloutsOf(['46', '46<confidence>1.5</confidence>'], '46');
  assert.ok(close(runNode<Rewards>(brier, { rollouts, task }, { format_penalty: -2 }), [-2, -2]));
  const digits = rolloutsOf(['46=9', '45=3'], '46');
  // q = 9/9 = 1 on a correct answer; q = 3/9 on a wrong one: −(1/3)².
  const out = runNode<Rewards>(brier, { rollouts: digits, task }, { pattern: '=([0-9])$', scale: 9 });
  assert.ok(close(out, [1, -1 / 9]));
});

test('a pattern without a capture group is refused', () => {
  assert.throws(() => brier.params.parse({ pattern: 'conf' }), /needs a capture group/);
});

test.run();
