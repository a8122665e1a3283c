// Rewards computed one sequence at a time from the completion text, plus the metrics every reward
// node reports. NaN is an abstention (see `Rewards` in @sous/core).
import { mean } from 'd3-array';
import type { Example, Fail, NodeContext, Rewards, Rollouts } from '@sous/core';

/** What the nodes that read rollouts can fail with: spread into their messages, raised through ctx.fail. */
export const rolloutsMessages = {
  notRollouts: 'expected rollouts (from a sampler such as samplers.group), got {{got}}',
} as const;

export function checkRollouts(rollouts: Rollouts, fail: Fail<keyof typeof rolloutsMessages>): void {
  if (rollouts?.kind !== 'rollouts') fail('notRollouts', { got: describe(rollouts) });
}

/** One reward per sequence: `score(completion text, example, sequence index)`. */
export function perSequence(
  rollouts: Rollouts,
  score: (text: string, example: Example, index: number) => number,
): Rewards {
  return Float32Array.from(rollouts.texts, (text, i) => score(text, rollouts.examples[i], i));
}

/** Metrics `mean` (over the sequences that were rewarded) and `abstained` (their share). */
export function reportRewards(ctx: NodeContext, rewards: Rewards): Rewards {
  const abstained = rewards.filter((r) => Number.isNaN(r)).length;
  const average = mean(rewards);
  if (average !== undefined) ctx.metric('mean', average); // undefined when every sequence abstained
  if (abstained > 0) ctx.metric('abstained', abstained / rewards.length);
  return rewards;
}

function describe(value: unknown): string {
  if (value instanceof Float32Array) return 'an array of numbers (rewards?)';
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? `a ${kind}` : `a ${typeof value}`;
}
