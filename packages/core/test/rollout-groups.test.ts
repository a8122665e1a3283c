// groupMembers and perGroup, the group structure shared by reward combinations and advantage
// estimators: exact answers, worked by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupMembers, perGroup } from '../src/rollout-groups.js';

test('groupMembers lists each group its members in order, in group order, skipping absent groups', () => {
  // Groups 0, 2 and 5 are present; 1, 3 and 4 are not and leave no empty entry.
  assert.equal(groupMembers(Int32Array.of(2, 0, 2, 0, 5)), [[1, 3], [0, 2], [4]]);
  assert.equal(groupMembers(Int32Array.of(0, 0, 0)), [[0, 1, 2]]);
  assert.equal(groupMembers(new Int32Array(0)), []);
});

test('perGroup repeats each group its statistic on every member', () => {
  const values = Float32Array.of(1, 10, 3, 20, 7);
  const group = Int32Array.of(0, 1, 0, 1, 3);
  const mean = (v: Float32Array) => v.reduce((a, x) => a + x, 0) / v.length;
  // Group 0: (1 + 3) / 2 = 2; group 1: (10 + 20) / 2 = 15; group 3: 7 alone.
  assert.equal(Array.from(perGroup(values, group, mean)), [2, 15, 2, 15, 7]);
  // The statistic sees its group's values in member order.
  const seen: number[][] = [];
  perGroup(values, group, (v) => {
    seen.push(Array.from(v));
    return 0;
  });
  assert.equal(seen, [[1, 3], [10, 20], [7]]);
});

test.run();
