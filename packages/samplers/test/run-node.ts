// Calls a node the way the executor does: parameters through the node's schema (defaults filled
// in), the result typed by the caller.
import type { NodeContext, NodeDefinition } from '@sous/core';
import { testContext } from './context.js';

export function runNode<T>(node: NodeDefinition<any, any>, inputs: Record<string, unknown>, params: Record<string, unknown> = {}, ctx: NodeContext = testContext()): T {
  return node.run(inputs, node.params.parse(params), ctx) as T;
}
