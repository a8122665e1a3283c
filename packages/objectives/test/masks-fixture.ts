// The rollouts the mask tests share: two groups of two, one truncated completion.
import { makeRollouts } from './rollouts-fixture.js';

export const rollouts = makeRollouts({
  rows: [
    [1, 3, 3, 2], // completion a a eos
    [1, 3, 2, 0], // a eos, then pad
    [1, 2, 0, 0], // eos
    [1, 3, 3, 3], // a a a: truncated
  ],
  groupSize: 2,
  truncated: [0, 0, 0, 1],
  demonstrated: [
    [0, 1, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 1, 0],
  ],
});
