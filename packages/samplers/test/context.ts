// A NodeContext for calling sampler nodes directly in tests.
import { Rng, tf, type NodeContext } from '@sous/core';

export function testContext(overrides: Partial<NodeContext> = {}): NodeContext {
  return {
    tf, backend: 'cpu', rng: new Rng('test'), seed: 0, nodeId: 'batch', stage: 'sft', step: 0,
    metric: () => {}, logger: { info: () => {}, warn: () => {} }, runDir: null, recipeDir: process.cwd(), state: {},
    ...overrides,
  };
}
