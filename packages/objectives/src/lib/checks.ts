// Shape checks between values that must describe the same rollouts: a mismatch is a recipe wiring
// mistake (rewards of one sampler fed to a loss over another), reported as such. Each check raises
// a message of the calling node, which spreads the matching messages into its own, so the executor
// names the node and tests assert the message id.
import type { Fail, Rollouts } from '@sous/core';

export const rewardsMessages = {
  rewardCount: {
    message: 'expected one reward per sequence ({{sequences}}), got {{got}}',
    hint: 'Compute the rewards from the same rollouts.',
  },
} as const;

export const maskMessages = {
  maskSize: {
    message: 'expected a mask of {{size}}×{{length}} positions ({{expected}}), got {{got}}',
    hint: 'Build the mask from the same rollouts the loss scores.',
  },
} as const;

export function checkRewards(
  rewards: Float32Array,
  rollouts: Rollouts,
  fail: Fail<keyof typeof rewardsMessages>,
): void {
  if (!(rewards instanceof Float32Array) || rewards.length !== rollouts.size) {
    fail('rewardCount', { sequences: rollouts.size, got: describe(rewards) });
  }
}

export function checkMask(mask: Float32Array, rollouts: Rollouts, fail: Fail<keyof typeof maskMessages>): void {
  const { size, length } = rollouts;
  if (!(mask instanceof Float32Array) || mask.length !== size * length) {
    fail('maskSize', { size, length, expected: size * length, got: describe(mask) });
  }
}

function describe(value: unknown): string {
  return value instanceof Float32Array ? `${value.length} values` : `a ${typeof value}`;
}
