// A NodeContext for calling the plugin's nodes directly in tests.
import { Rng, tf, type NodeContext } from '@sous/core';

export function testContext(overrides: Partial<NodeContext> = {}): NodeContext {
  return {
    tf, backend: 'cpu', rng: new Rng('test'), seed: 0, nodeId: 'policy', stage: null, step: 0,
    metric: () => {}, logger: { info: () => {}, warn: () => {} }, runDir: null, recipeDir: process.cwd(), state: {},
    ...overrides,
  };
}
