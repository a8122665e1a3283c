// Resolves every plan node to what runs it — a plugin's `defineNode` or a built-in operator — and
// validates its parameters with the node's zod schema, once, before anything runs.
import type { Plan, PlanNode } from '@sous/dsl';
import {
  parseParams,
  type NodeContext,
  type NodeDefinition,
  type NodeMessage,
  type Plugin,
  SousError,
} from '@sous/core';
import { BUILTIN_OPS } from './ops.js';

export interface ResolvedNode {
  plan: PlanNode;
  /** The parameters after the schema's parsing (defaults filled in). */
  params: Record<string, unknown>;
  /** Loss nodes and operators producing a Loss run inside `tf.variableGrads`, synchronously. */
  inGradient: boolean;
  /** True for a built-in operator (its errors are about its operands, not a plugin bug). */
  builtin: boolean;
  /** The node's `messages`, for `ctx.fail`. */
  messages?: Record<string, NodeMessage>;
  run(inputs: Record<string, unknown>, params: Record<string, unknown>, ctx: NodeContext): unknown;
}

/** `file`, `line` and `column` of a node's call in the recipe, for SousError. */
export function whereIs(node: Pick<PlanNode, 'source'>): { file: string; line: number; column: number } {
  return { file: node.source.file, line: node.source.line, column: node.source.col };
}

/** `"grpo.reward" (rewards.exact_answer)`: how messages name a node. */
export function describeNode(node: Pick<PlanNode, 'id' | 'op'>): string {
  return `"${node.id}" (${node.op})`;
}

function findDefinition(plan: Plan, plugins: Plugin[], node: PlanNode): NodeDefinition<any, any, any> {
  const dot = node.op.indexOf('.');
  const namespace = node.op.slice(0, dot),
    name = node.op.slice(dot + 1);
  // `use "pkg" as alias` makes the alias the namespace in the plan: go through the package.
  const packageName = plan.uses.find((use) => use.namespace === namespace)?.package;
  const plugin =
    plugins.find((p) => packageName !== undefined && p.package === packageName) ??
    plugins.find((p) => p.namespace === namespace);
  if (!plugin) {
    throw new SousError(
      `node ${describeNode(node)} needs the plugin for namespace "${namespace}", which is not loaded`,
      { ...whereIs(node), hint: packageName ? `Install it: npm install ${packageName}` : undefined },
    );
  }
  const definition = plugin.nodes.find((n) => n.name === name);
  if (!definition) {
    throw new SousError(`plugin ${plugin.package ?? plugin.namespace} has no node "${name}"`, {
      ...whereIs(node),
      hint: 'The plugin version may differ from the one the recipe was checked against.',
    });
  }
  return definition;
}

function resolveNode(plan: Plan, plugins: Plugin[], node: PlanNode): ResolvedNode {
  const inGradient = node.kind === 'loss' || (node.op.startsWith('core.') && node.output === 'Loss');
  const builtin = BUILTIN_OPS[node.op];
  if (builtin)
    return {
      plan: node,
      params: node.params,
      inGradient,
      builtin: true,
      run: (inputs, params) => builtin(inputs, params),
    };
  if (node.op.startsWith('core.')) throw new SousError(`unknown built-in operator "${node.op}"`, whereIs(node));
  const definition = findDefinition(plan, plugins, node);
  const parsed = parseParams(definition, node.params);
  if (!parsed.ok)
    throw new SousError(`node ${describeNode(node)}: ${parsed.message}`, { ...whereIs(node), cause: parsed.error });
  return {
    plan: node,
    params: parsed.params,
    inGradient,
    builtin: false,
    messages: definition.messages,
    run: (inputs, params, ctx) => definition.run(inputs, params, ctx),
  };
}

export function resolveNodes(plan: Plan, plugins: Plugin[]): Map<string, ResolvedNode> {
  return new Map(plan.nodes.map((node) => [node.id, resolveNode(plan, plugins, node)]));
}
