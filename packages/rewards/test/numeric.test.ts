import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Rewards } from '@sous/core';
import { runNode, testContext } from '@sous/core/testing';
import { numeric } from '../src/nodes/numeric.js';
import { parseNumber } from '../src/lib/parse-number.js';
import { close, rolloutsOf } from './rollouts.js';

test('parseNumber: the whole text, or its last number', () => {
  assert.is(parseNumber(' 46.0 ', 'whole'), 46);
  assert.is(parseNumber('-12', 'whole'), -12);
  assert.ok(Number.isNaN(parseNumber('x=46', 'whole')));
  assert.is(parseNumber('so 3+4=7, then 1.5e2', 'last'), 150);
  assert.ok(Number.isNaN(parseNumber('none', 'last')));
});

test('equivalent numbers are correct; tolerances; non-numeric answers abstain', () => {
  const rollouts = rolloutsOf(['46.0', 'the answer is 46', '47', 'forty-six', '46'], ['46', '46', '46', '46', 'yes']);
  const ctx = testContext();
  const out = runNode<Rewards>(numeric, { rollouts }, {}, ctx);
  assert.ok(close(out, [1, 1, 0, 0, NaN]), String(Array.from(out)));
  assert.is(ctx.metrics.mean, 0.5);
  assert.is(ctx.metrics.abstained, 0.2);
  const loose = runNode<Rewards>(numeric, { rollouts }, { rtol: 0.05 });
  assert.ok(close(loose, [1, 1, 1, 0, NaN]));
  const whole = runNode<Rewards>(numeric, { rollouts }, { extract: 'whole' });
  assert.ok(close(whole, [1, 0, 0, 0, NaN]));
});

test.run();
