import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { runNode } from '@sous/core/testing';
import { overlong } from '../src/nodes/overlong.js';
import { close, rolloutsOf } from './rollouts.js';

test('0 up to L − B, then a linear ramp to −penalty at L', () => {
  // L = 10, B = 4: free up to 6 tokens; 7 → −1/4, 8 → −2/4, 10 → −1, 12 → −1 (capped).
  const rollouts = rolloutsOf(['', '', '', '', '', ''], '', { lengths: [3, 6, 7, 8, 10, 12] });
  const out = runNode<Rewards>(overlong, { rollouts }, { max_len: 10, buffer: 4 });
  assert.ok(close(out, [0, 0, -0.25, -0.5, -1, -1]), String(Array.from(out)));
  const doubled = runNode<Rewards>(overlong, { rollouts }, { max_len: 10, buffer: 4, penalty: 2 });
  assert.ok(close(doubled, [0, 0, -0.5, -1, -2, -2]));
});

test("max_len 0 uses the sampler's max_new", () => {
  const rollouts = rolloutsOf(['', ''], '', { lengths: [7, 8], maxNew: 8 });
  assert.ok(close(runNode<Rewards>(overlong, { rollouts }, { buffer: 2 }), [-0.5, -1]));
});

test.run();
