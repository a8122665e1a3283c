// Per-group z-scores of one reward: (r − mean_group) / std_group over the group's non-abstained
// members (sample deviation); a group with no spread scores 0. Abstentions stay NaN.
import { deviation, mean } from 'd3-array';
import { perGroup, type Rewards } from '@sous/core';

export function groupZScores(rewards: Rewards, group: Int32Array, epsilon: number): Rewards {
  const means = perGroup(rewards, group, (values) => mean(values) ?? NaN);
  const deviations = perGroup(rewards, group, (values) => deviation(values) ?? 0);
  return rewards.map((r, i) =>
    deviations[i] === 0 ? (Number.isNaN(r) ? NaN : 0) : (r - means[i]) / (deviations[i] + epsilon),
  );
}
