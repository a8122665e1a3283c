// Shape checks between values that must describe the same rollouts: a mismatch is a recipe wiring
// mistake (rewards of one sampler fed to a loss over another), reported as such.
import { SousError, type Rollouts } from '@sous/core';

export function checkRewards(rewards: Float32Array, rollouts: Rollouts, node: string): void {
  if (!(rewards instanceof Float32Array) || rewards.length !== rollouts.size) {
    throw new SousError(`${node}: expected one reward per sequence (${rollouts.size}), got ${describe(rewards)}`, {
      hint: 'Compute the rewards from the same rollouts.',
    });
  }
}

export function checkMask(mask: Float32Array, rollouts: Rollouts, node: string): void {
  const expected = rollouts.size * rollouts.length;
  if (!(mask instanceof Float32Array) || mask.length !== expected) {
    throw new SousError(
      `${node}: expected a mask of ${rollouts.size}×${rollouts.length} positions (${expected}), got ${describe(mask)}`,
      { hint: 'Build the mask from the same rollouts the loss scores.' },
    );
  }
}

function describe(value: unknown): string {
  return value instanceof Float32Array ? `${value.length} values` : `a ${typeof value}`;
}
