// Calls a node the way the executor does: parameters through the node's schema (defaults filled
// in), the result typed as rewards.
import type { NodeContext, NodeDefinition, Rewards } from '@sous/core';
import { testContext } from './context.js';

export function runNode(node: NodeDefinition<any, any>, inputs: Record<string, unknown>, params: Record<string, unknown> = {}, ctx: NodeContext = testContext()): Rewards {
  return node.run(inputs, node.params.parse(params), ctx) as Rewards;
}
