// A NodeContext for calling reward nodes directly in tests; `metrics` collects what they report.
import { Rng, tf, type NodeContext } from '@sous/core';

export function testContext(metrics: Record<string, number> = {}): NodeContext {
  return {
    tf, backend: 'cpu', rng: new Rng('test'), seed: 0, nodeId: 'reward', stage: 'grpo', step: 0,
    metric: (name, value) => (metrics[name] = value), logger: { info: () => {}, warn: () => {} },
    runDir: null, recipeDir: process.cwd(), state: {},
  };
}
