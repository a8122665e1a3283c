// A NodeContext for calling task nodes directly in tests; warnings are collected for assertions.
import { Rng, tf, type NodeContext } from '@sous/core';

export function testContext(overrides: Partial<NodeContext> = {}): NodeContext & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    tf,
    backend: 'cpu',
    rng: new Rng('test'),
    seed: 0,
    nodeId: 'task',
    stage: null,
    step: 0,
    metric: () => {},
    logger: { info: () => {}, warn: (message) => warnings.push(message) },
    runDir: null,
    recipeDir: process.cwd(),
    state: {},
    ...overrides,
    warnings,
  };
}
