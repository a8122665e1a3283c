// The compiled plan: what the checker and compiler hand to the runtime. JSON-serialisable, with
// every parameter resolved (defaults filled in, quantities in canonical units) and a stable hash.
import type { PortType, Value } from './registry.js';

export interface SourceRef {
  file: string;
  /** 1-based line and column of the node's call (or operator) in the recipe. */
  line: number;
  col: number;
}

/** An edge into a node's input port: the producing node and, for member access, the member. */
export interface Edge {
  node: string;
  member?: string;
  type: PortType;
}

export interface PlanNode {
  /** Unique id: the binding name (`policy`), stage-qualified in a stage (`grpo.rollouts`), or a
   * generated id for an anonymous sub-expression (`grpo.loss$1`). */
  id: string;
  /** `namespace.name` (`samplers.group`), or a built-in operator `core.add`, `core.sub`,
   * `core.scale` (number * value), `core.and`, `core.or`, `core.not`. */
  op: string;
  kind: string;
  /** The stage that owns it, or null for a top-level node (evaluated once, shared by stages). */
  stage: string | null;
  /** The binding this node's value is assigned to, if any. */
  binding?: string;
  params: Record<string, Value>;
  /** By port; a variadic port holds the list of its arguments' edges, in order. */
  inputs: Record<string, Edge | Edge[]>;
  output: PortType;
  source: SourceRef;
}

/** Every edge into `node`, variadic ports flattened, in port order. */
export function planEdges(node: Pick<PlanNode, 'inputs'>): Edge[] {
  return Object.values(node.inputs).flat();
}

export interface OptimizerSpec {
  /** adamw, adam or sgd. */
  name: string;
  /** lr, betas, eps, weight_decay, momentum ... resolved with defaults. */
  params: Record<string, Value>;
  /** Node id of the loss it minimises (default: the stage's `loss`). */
  loss: string | null;
  /** Node id of the model whose weights it updates (default: every trainable model). */
  model: string | null;
  source: SourceRef;
}

export interface ScheduleSpec {
  /** constant, warmup, cosine or linear. */
  name: string;
  params: Record<string, Value>;
}

export interface EvalSpec {
  /** Run every N steps of the stage (and after its last step). */
  every: number;
  /** Ids of the eval nodes, in order. */
  nodes: string[];
}

export interface PlanStage {
  name: string;
  steps: number;
  optimizers: OptimizerSpec[];
  schedule: ScheduleSpec;
  /** Id of the node whose value is the stage's loss (the binding `loss`). */
  loss: string | null;
  /** Every other stage setting (clip_grad_norm, accumulate, on_nan, log_every, ...), resolved. */
  settings: Record<string, Value>;
  /** Ids of the stage's own nodes in a topological order. */
  nodes: string[];
  evals: EvalSpec[];
}

export interface Plan {
  /** Language version of the recipe (the `sous 1` header). */
  version: number;
  recipe: string;
  file: string;
  /** Packages named by `use`, with the namespace each registers. */
  uses: { package: string; namespace: string; version?: string }[];
  /** Top-level settings (seed, on_nan, ...), resolved. */
  settings: Record<string, Value>;
  /** Every node, top-level first, each list in a topological order. */
  nodes: PlanNode[];
  stages: PlanStage[];
  /** sha256 of the canonical JSON of everything above except `file` and the `source` positions,
   * so reformatting a recipe keeps its hash. */
  hash: string;
}
