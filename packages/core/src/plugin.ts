// The plugin API. A plugin package's entry exports `definePlugin({ namespace, nodes, types })`,
// each node made with `defineNode`. These definitions are the one source of truth for the checker
// (through `registryFromPlugins`), `sous nodes`, the language server and the executor.
import type { z } from 'zod';
import type { PortTypeInfo, Reference, Value } from '@sous/dsl';
import type {
  Advantages,
  Batch,
  Dataset,
  Mask,
  Metrics,
  Pairs,
  Prompts,
  Rewards,
  Rollouts,
  SequenceClassifier,
  Task,
} from './data.js';
import type { NodeMessage } from './errors.js';
import type { Tokenizer, Trainable } from './model.js';

export type { Reference };
import type { Rng } from './rng.js';
import type { Tf, tf } from './tf.js';

/**
 * The TypeScript value of each port type, by name: what `run` receives on a port of that type. A
 * plugin that declares a type in `definePlugin({ types })` adds its value type here:
 *   declare module '@sous/core' { interface PortValues { Schedule: NoiseSchedule } }
 */
export interface PortValues {
  Model: Trainable;
  Task: Task;
  Dataset: Dataset;
  Batch: Batch;
  Pairs: Pairs;
  Prompts: Prompts;
  Rollouts: Rollouts;
  Rewards: Rewards;
  Advantages: Advantages;
  Mask: Mask;
  SequenceClassifier: SequenceClassifier;
  Loss: tf.Scalar;
  Tensor: tf.Tensor;
  Samples: unknown;
  Tokenizer: Tokenizer;
  Metrics: Metrics;
  Number: number;
  String: string;
  Bool: boolean;
  List: Value[];
  Any: unknown;
}

/** A port type's name: a built-in one or one a plugin added to PortValues. */
export type PortTypeName = keyof PortValues & string;

export interface PortDecl<T extends PortTypeName = PortTypeName> {
  type: T;
  doc?: string;
  optional?: boolean;
  /** Only the last input: it takes any number of positional arguments and `run` gets an array
   * (at least one element unless `optional`). */
  variadic?: boolean;
  /** Required when `type` is `Any`: why no narrower type fits (the registry refuses one without). */
  why?: string;
}

/** An output: its type, or its type with a doc and, for `Any`, the reason. */
export type OutputDecl = PortTypeName | { type: PortTypeName; doc?: string; why?: string };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** A node's `ctx.fail`, narrowed to the messages `M` a shared check raises: the check declares its
 * messages, the nodes that call it spread them into their own and pass `ctx.fail`. */
export type Fail<M extends string> = (messageId: M, data?: Record<string, unknown>) => never;

/** What a node's `run` receives besides its inputs and parameters; `M` names its messages. */
export interface NodeContext<M extends string = string> {
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
  /**
   * Throws a SousError with the node's message `messageId` (from `defineNode({ messages })`),
   * its `{{placeholders}}` filled from `data`. The executor prefixes the node's qualified name and
   * recipe position, so messages never name the node themselves.
   */
  fail(messageId: M, data?: Record<string, unknown>): never;
  /**
   * Per-step memoisation shared by the nodes of a step: the first call with these keys (compared
   * by identity, in order) computes, later ones get the same value. Cleared after each step, and
   * values computed inside the gradient computation are kept apart from those outside it (and
   * from other gradient computations), so a tensor never leaks onto another tape. Put a function
   * or another constant of yours first so two uses of the same inputs do not collide.
   */
  memo<T>(keys: readonly object[], compute: () => T): T;
}

type PortMap = Record<string, PortTypeName | PortDecl>;

/** The value `run` receives on a port declared as `D`. */
type PortValue<D> = D extends PortTypeName
  ? PortValues[D]
  : D extends PortDecl<infer T>
    ? D extends { variadic: true }
      ? PortValues[T][]
      : D extends { optional: true }
        ? PortValues[T] | undefined
        : PortValues[T]
    : never;

/** What `run` receives as its inputs, inferred from the declared ports. */
export type InputValues<I extends PortMap> = { [K in keyof I]: PortValue<I[K]> };

export interface NodeDefinition<
  P extends z.ZodObject = z.ZodObject,
  I extends PortMap = PortMap,
  M extends string = string,
> {
  name: string;
  /** One of NODE_KINDS, or a kind the plugin declares in `definePlugin({ kinds })`. `loss` nodes
   * run inside the gradient scope and must return a scalar tensor synchronously. */
  kind: string;
  doc: string;
  /** The papers whose method this node implements (none for plain utilities). */
  references?: Reference[];
  /** A zod object: defaults, bounds and docs (`.describe()`) come from it. A quantity parameter
   * declares its dimension with `.meta({ dimension: 'count' | 'time' | 'memory' | 'percent' })`. */
  params: P;
  /** Input ports, in positional order. */
  inputs: I;
  output: OutputDecl;
  /** Typed members of the output value, reachable as `binding.member` in a recipe. */
  members?: Record<string, PortTypeName>;
  /** What the node can fail with, by id (`ctx.fail(id, data)`): text with `{{name}}`
   * placeholders, not naming the node (the executor does). Tests assert the ids. */
  messages?: Record<M, NodeMessage>;
  run(inputs: InputValues<I>, params: z.infer<P>, ctx: NodeContext<M>): unknown;
}

/** The kinds of node sous knows, and what a node of each kind does. */
export const NODE_KINDS: Readonly<Record<string, string>> = {
  task: 'makes a task: its data, vocabulary and splits',
  model: 'makes or loads a model',
  sampler: 'draws a batch, prompts or rollouts at each step',
  reward: 'scores each sequence: one number per sequence, NaN where it abstains',
  advantage: 'turns rewards into per-sequence advantages',
  mask: 'selects the tokens or sequences a loss counts',
  loss: 'returns the scalar the optimizer minimises, inside the gradient scope',
  eval: 'measures the model in an eval block and reports metrics',
  metric: 'reports metrics about values of the step',
};

/** A node's parameters through its zod schema (defaults filled in), as the executor and the
 * NodeTester parse them; on failure, the first issue as `parameter lr: …`. */
export function parseParams(
  node: NodeDefinition<any, any, any>,
  params: Record<string, unknown>,
): { ok: true; params: Record<string, unknown> } | { ok: false; message: string; error: z.ZodError } {
  const parsed = node.params.safeParse(params);
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const param = issue.path.length > 0 ? `parameter ${issue.path.join('.')}` : 'parameters';
  return { ok: false, message: `${param}: ${issue.message}`, error: parsed.error };
}

/** A node; `run`'s inputs are typed from `inputs` and `ctx.fail` takes the ids of `messages`. */
export function defineNode<P extends z.ZodObject, const I extends PortMap, M extends string = never>(
  def: NodeDefinition<P, I, M>,
): NodeDefinition<P, I, M> {
  return def;
}

export interface Plugin {
  namespace: string;
  /** npm package name and version, filled in by `definePlugin` callers or the loader. */
  package?: string;
  version?: string;
  nodes: NodeDefinition<any, any, any>[];
  /** The port types this plugin adds, each with a doc; give each its value type in PortValues. */
  types?: Record<string, PortTypeInfo>;
  /** Node kinds this plugin adds to NODE_KINDS, each with what a node of that kind does. */
  kinds?: Record<string, string>;
}

export function definePlugin(plugin: Plugin): Plugin {
  const seen = new Set<string>();
  for (const node of plugin.nodes) {
    if (seen.has(node.name)) throw new Error(`plugin "${plugin.namespace}" defines node "${node.name}" twice`);
    seen.add(node.name);
  }
  return plugin;
}
