// The graph executor: runs a compiled Plan's nodes with their plugin definitions. Top-level
// nodes (models, tasks, frozen copies) run once, when the first stage that needs them starts
// (`enterStage`), in plan order: so `ref = models.frozen(policy)` used only by a GRPO stage that
// follows an SFT stage is a copy of the policy after SFT. StageRunner
// (stage-runner.ts) runs a stage's nodes at every step. Every node gets a fresh context per step
// whose Rng is seeded by (seed, node id, step), so a resumed run draws exactly what an
// uninterrupted one would have.
import { planEdges, type Edge, type Plan, type PlanNode, type PlanStage } from '@sous/dsl';
import {
  type Logger,
  type NodeContext,
  type Plugin,
  type Trainable,
  messageError,
  nodeRng,
  type tf,
  type Tf,
  SousError,
} from '@sous/core';
import { describeNode, resolveNodes, whereIs, type ResolvedNode } from './node-table.js';
import type { MetricRecorder } from './metric-recorder.js';
import { StepMemo } from './memo.js';

export interface ExecutorOptions {
  plan: Plan;
  plugins: Plugin[];
  tf: Tf;
  backend: string;
  seed: number;
  /** Folder of the recipe file: relative data paths resolve against it. */
  recipeDir: string;
  runDir?: string | null;
  logger?: Logger;
}

/** Where and when a node runs; `recorder` receives its metrics (none for top-level nodes). */
export interface RunAt {
  stage: string | null;
  step: number;
  recorder?: MetricRecorder;
}

export interface ModelEntry {
  /** Id of the top-level node that made it. */
  id: string;
  /** Its binding (`policy`): the prefix of its variable names and its checkpoint file name. */
  name: string;
  model: Trainable;
}

const SILENT: Logger = { info: () => {}, warn: () => {} };

function isTrainable(value: unknown): value is Trainable {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Trainable).kind === 'model' &&
    typeof (value as Trainable).namedVariables === 'function'
  );
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | null)?.then === 'function';
}

export class Executor {
  readonly plan: Plan;
  readonly nodes: Map<string, ResolvedNode>;
  /** Values of the top-level nodes, shared by every stage. */
  readonly topValues = new Map<string, unknown>();
  /** Trainable models (not frozen copies), in the order they were made. */
  readonly models: ModelEntry[] = [];
  /** Frozen copies (`models.frozen`): not optimised, but checkpointed so a resume restores them. */
  readonly frozenModels: ModelEntry[] = [];
  readonly logger: Logger;
  /** `ctx.memo`: the stage runner clears it at each step and each gradient computation. */
  readonly memo = new StepMemo();
  private readonly nodeState = new Map<string, Record<string, unknown>>();

  private constructor(private readonly options: ExecutorOptions) {
    this.plan = options.plan;
    this.logger = options.logger ?? SILENT;
    this.nodes = resolveNodes(options.plan, options.plugins);
    checkGradientBoundary(this.plan, this.nodes);
  }

  /** Resolves and validates every node; top-level nodes run later, in `enterStage`. */
  static async start(options: ExecutorOptions): Promise<Executor> {
    return new Executor(options);
  }

  /** Runs the top-level nodes that `stage` reads (directly or through other top-level nodes) and
   * that have not run yet, in plan order. */
  async enterStage(stage: PlanStage): Promise<void> {
    const needed = new Set<string>();
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const edge of planEdges(this.nodes.get(id)!.plan)) {
        if (this.nodes.get(edge.node)!.plan.stage === null) needed.add(edge.node);
        visit(edge.node);
      }
    };
    for (const id of [...stage.nodes, ...stage.evals.flatMap((e) => e.nodes)]) visit(id);
    for (const node of this.plan.nodes) {
      if (node.stage !== null || !needed.has(node.id) || this.topValues.has(node.id)) continue;
      const value = await this.runNode(node.id, this.topValues, { stage: null, step: 0 });
      this.topValues.set(node.id, value);
      if (isTrainable(value))
        (value.trainable ? this.models : this.frozenModels).push({
          id: node.id,
          name: node.binding ?? node.id,
          model: value,
        });
    }
  }

  /** Every model made so far, trainable then frozen: what a checkpoint holds. */
  allModels(): ModelEntry[] {
    return [...this.models, ...this.frozenModels];
  }

  /** Trainable variables named `<model binding>.<weight name>`: of one model node, or of all. */
  variables(modelId?: string): Map<string, tf.Variable> {
    const variables = new Map<string, tf.Variable>();
    for (const entry of this.models) {
      if (modelId !== undefined && entry.id !== modelId) continue;
      for (const [name, variable] of entry.model.namedVariables()) variables.set(`${entry.name}.${name}`, variable);
    }
    return variables;
  }

  /** Runs a node outside the gradient scope (it may be async). */
  async runNode(id: string, values: Map<string, unknown>, at: RunAt): Promise<unknown> {
    const node = this.nodes.get(id)!;
    try {
      return await node.run(this.inputsOf(node.plan, values), node.params, this.context(node, at, false));
    } catch (error) {
      throw failure(node, at, error);
    }
  }

  /** Runs a node inside `tf.variableGrads`: it must return synchronously. */
  runNodeInGradient(id: string, values: Map<string, unknown>, at: RunAt): unknown {
    const node = this.nodes.get(id)!;
    let value: unknown;
    try {
      value = node.run(this.inputsOf(node.plan, values), node.params, this.context(node, at, true));
    } catch (error) {
      throw failure(node, at, error);
    }
    if (isPromise(value)) {
      value.catch(() => {});
      throw new SousError(
        `node ${describeNode(node.plan)} returned a Promise: loss nodes run inside the gradient computation and must return their tensor synchronously`,
        {
          ...whereIs(node.plan),
          hint: 'This is a bug in the plugin that defines it.',
        },
      );
    }
    return value;
  }

  /** The values on `node`'s ports; a variadic port gets the array of its edges' values. */
  private inputsOf(node: PlanNode, values: Map<string, unknown>): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const [port, edges] of Object.entries(node.inputs)) {
      inputs[port] = Array.isArray(edges)
        ? edges.map((edge) => this.edgeValue(node, edge, values))
        : this.edgeValue(node, edges, values);
    }
    return inputs;
  }

  private edgeValue(node: PlanNode, edge: Edge, values: Map<string, unknown>): unknown {
    if (!values.has(edge.node)) throw new Error(`node "${node.id}" reads "${edge.node}" before it ran (plan order)`);
    const value = values.get(edge.node);
    if (edge.member === undefined) return value;
    const member = (value as Record<string, unknown> | null | undefined)?.[edge.member];
    if (member === undefined) {
      throw new SousError(`node ${describeNode(node)}: the value of "${edge.node}" has no member "${edge.member}"`, {
        ...whereIs(node),
        hint: 'The plugin that makes it does not provide the member its signature declares.',
      });
    }
    return member;
  }

  private context(node: ResolvedNode, at: RunAt, inGradient: boolean): NodeContext {
    const { id } = node.plan;
    let state = this.nodeState.get(id);
    if (!state) this.nodeState.set(id, (state = {}));
    return {
      tf: this.options.tf,
      backend: this.options.backend,
      rng: nodeRng(this.options.seed, id, at.step),
      seed: this.options.seed,
      nodeId: id,
      stage: at.stage,
      step: at.step,
      // Top-level nodes run once, outside any step record: their metrics go to the log.
      metric: (name, value) =>
        at.recorder
          ? at.recorder.add(node.plan, name, value)
          : this.logger.info(`${node.plan.binding ?? id}.${name} = ${value}`),
      logger: this.logger,
      runDir: this.options.runDir ?? null,
      recipeDir: this.options.recipeDir,
      state,
      fail: (messageId, data) => {
        throw messageError(node.messages, messageId, data);
      },
      memo: (keys, compute) => (inGradient ? this.memo.inside : this.memo.outside).get(keys, compute),
    };
  }
}

/** Wraps an error thrown by a node so it names the node, its recipe position and the step. */
function failure(node: ResolvedNode, at: RunAt, error: unknown): unknown {
  // A SousError that names its own file (a data file, a checkpoint) says where already; one that
  // does not gets the node's position in the recipe.
  if (error instanceof SousError && error.file !== undefined) return error;
  const when = at.stage === null ? 'at start' : `in stage "${at.stage}", step ${at.step}`;
  if (error instanceof SousError) {
    return new SousError(`node ${describeNode(node.plan)} ${when}: ${error.message}`, {
      ...whereIs(node.plan),
      cause: error.cause ?? error,
      hint: error.hint,
      messageId: error.messageId,
      data: error.data,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SousError(`node ${describeNode(node.plan)} failed ${when}: ${message}`, {
    ...whereIs(node.plan),
    cause: error,
    hint: node.builtin
      ? undefined
      : 'This is probably a bug in the plugin that defines it; run with --debug for the stack trace.',
  });
}

/** A value computed inside the gradient scope (a Loss) cannot feed a node that runs outside it. */
function checkGradientBoundary(plan: Plan, nodes: Map<string, ResolvedNode>): void {
  for (const node of plan.nodes) {
    const resolved = nodes.get(node.id)!;
    if (resolved.inGradient && node.stage === null) {
      throw new SousError(
        `loss node ${describeNode(node)} is outside any stage: losses are computed at each step of a stage`,
        whereIs(node),
      );
    }
    if (resolved.inGradient) continue;
    for (const edge of planEdges(node)) {
      if (nodes.get(edge.node)?.inGradient) {
        throw new SousError(
          `node ${describeNode(node)} reads the loss "${edge.node}", which exists only inside the gradient computation`,
          whereIs(node),
        );
      }
    }
  }
}
