// The plugin API. A plugin package's entry exports `definePlugin({ namespace, nodes })`, each node
// made with `defineNode`. These definitions are the one source of truth for the checker (through
// `registryFromPlugins`), `sous nodes`, the language server and the executor.
import type { z } from 'zod';
import type { PortType, Reference } from '@sous/dsl';

export type { Reference };
import type { Rng } from './rng.js';
import type { Tf } from './tf.js';

export interface PortDecl {
  type: PortType;
  doc?: string;
  optional?: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a node's `run` receives besides its inputs and parameters. */
export interface NodeContext {
  /** The TensorFlow.js namespace on the selected backend. Use functional ops (tf.add(a, b)). */
  tf: Tf;
  backend: string;
  /** Seeded by (recipe seed, node id, step): the same recipe and seed replay the same draws, and
   * a resumed run draws what the uninterrupted run would have. */
  rng: Rng;
  seed: number;
  nodeId: string;
  stage: string | null;
  /** 0-based step within the stage (0 for top-level nodes, which run once). */
  step: number;
  /** Adds scalar metrics to this step's record in metrics.jsonl. */
  metric(name: string, value: number): void;
  logger: Logger;
  /** The run folder, or null when not running inside one (tests, `sous plan`). */
  runDir: string | null;
  /** Folder of the recipe file: relative data paths resolve against it. */
  recipeDir: string;
  /** Per-node state that lives across steps. Keep what resume must reproduce derivable from
   * `step` and `rng`: state is not checkpointed. */
  state: Record<string, unknown>;
}

type PortMap = Record<string, PortType | PortDecl>;

export interface NodeDefinition<P extends z.ZodObject = z.ZodObject, I extends PortMap = PortMap> {
  name: string;
  /** sampler, reward, advantage, mask, loss, model, task, eval, metric, or a plugin's own kind.
   * `loss` nodes run inside the gradient scope and must return a scalar tensor synchronously. */
  kind: string;
  doc: string;
  /** The papers whose method this node implements (none for plain utilities). */
  references?: Reference[];
  /** A zod object: defaults, bounds and docs (`.describe()`) come from it. A quantity parameter
   * declares its dimension with `.meta({ dimension: 'count' | 'time' | 'memory' | 'percent' })`. */
  params: P;
  /** Input ports, in positional order. */
  inputs: I;
  output: PortType;
  /** Typed members of the output value, reachable as `binding.member` in a recipe. */
  members?: Record<string, PortType>;
  run(inputs: { [K in keyof I]: any }, params: z.infer<P>, ctx: NodeContext): unknown;
}

export function defineNode<P extends z.ZodObject, I extends PortMap>(def: NodeDefinition<P, I>): NodeDefinition<P, I> {
  return def;
}

export interface Plugin {
  namespace: string;
  /** npm package name and version, filled in by `definePlugin` callers or the loader. */
  package?: string;
  version?: string;
  nodes: NodeDefinition<any, any>[];
}

export function definePlugin(plugin: Plugin): Plugin {
  const seen = new Set<string>();
  for (const node of plugin.nodes) {
    if (seen.has(node.name)) throw new Error(`plugin "${plugin.namespace}" defines node "${node.name}" twice`);
    seen.add(node.name);
  }
  return plugin;
}
