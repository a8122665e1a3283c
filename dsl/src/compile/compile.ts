// The compiler: a recipe that checks cleanly → a Plan (dsl/src/plan.ts). It reads the checker's
// semantic model, so names, calls, types and values resolve exactly as they were checked.
//
// Node lists are in a canonical topological order (check/graph.ts), so reordering bindings keeps
// the plan and its hash. Node ids: a binding's node is named after it (`policy`, `grpo.rollouts`, `grpo.eval1.acc`);
// the nodes of its sub-expressions get `$1`, `$2` ... in pre-order (`grpo.loss$1`); an unnamed
// eval statement is `<stage>.eval<i>.<j>`. A binding to a reference (`x = y`, `v = task.vocab`)
// makes no node: uses of it become edges to what it names.
import path from 'node:path';
import type { Binding, CallExpression, Expression, Identifier, RecipeFile, Setting } from '../ast.js';
import {
  BINARY_OPERATORS,
  CONST_OP,
  DEFAULT_SCHEDULE,
  EVAL_EVERY,
  NOT_OPERATOR,
  OPERATOR_KIND,
  SCALE_OPERATOR,
  STAGE_SETTINGS,
  SUPPORTED_VERSIONS,
  TOP_LEVEL_SETTINGS,
  type SettingSpec,
} from '../builtins.js';
import { canonicalOrder } from '../check/graph.js';
import { isLiteral, plainNumber } from '../check/literals.js';
import { SemanticModel, type Scope, type StageModel } from '../check/model.js';
import { toCanonical } from '../check/units.js';
import { resolveParamValue } from '../check/values.js';
import {
  planEdges,
  type Edge,
  type EvalSpec,
  type OptimizerSpec,
  type Plan,
  type PlanNode,
  type PlanStage,
  type ScheduleSpec,
} from '../plan.js';
import type { ParamSpec, Registry, Value } from '../registry.js';
import { planHash } from './hash.js';

/** Raised when `compile` meets what the checker rejects: compile only recipes that check. */
export class CompileError extends Error {
  override name = 'CompileError';
}

export function compile(
  ast: RecipeFile,
  registry: Registry,
  file: string = ast.file,
  model = new SemanticModel(ast, registry),
): Plan {
  return new PlanBuilder(model, file).build();
}

/** Numbers sub-expression nodes of one root (`grpo.loss$1`, `grpo.loss$2`, ...). */
interface AnonymousIds {
  root: string;
  next: number;
}

class PlanBuilder {
  private readonly nodesByScope = new Map<Scope, PlanNode[]>();
  private readonly bindingEdges = new Map<Binding, Edge>();
  private readonly building = new Set<Binding>();

  constructor(
    private readonly model: SemanticModel,
    private readonly file: string,
  ) {}

  build(): Plan {
    const { model } = this;
    const statements = model.ast.statements;
    const header = statements.find((s) => s.type === 'Version');
    const name = statements.find((s) => s.type === 'RecipeName');
    const settings = this.settings(model.topSettings, TOP_LEVEL_SETTINGS, {});
    this.buildScope(model.top);
    const stages = model.stages.map((stage) => this.stage(stage, settings));
    const nodes = model.allScopes().flatMap((scope) => this.scopeNodes(scope));
    const plan: Omit<Plan, 'hash'> = {
      version: header ? header.version.value : SUPPORTED_VERSIONS.at(-1)!,
      recipe: name ? name.name.value : path.basename(this.file).replace(/\.recipe$/, ''),
      file: this.file,
      uses: [...model.namespaces.values()].map(({ name: namespace, plugin }) => ({
        package: plugin.package,
        namespace,
        ...(plugin.version === undefined ? {} : { version: plugin.version }),
      })),
      settings,
      nodes,
      stages,
    };
    return { ...plan, hash: planHash(plan) };
  }

  // ---- stages ------------------------------------------------------------------------------

  private stage(stage: StageModel, topSettings: Record<string, Value>): PlanStage {
    const { steps, ...settings } = this.settings(stage.settings, STAGE_SETTINGS, topSettings);
    this.buildScope(stage.scope);
    const lossBinding = stage.scope.bindings.get('loss');
    const loss = lossBinding ? this.bindingEdge(lossBinding).node : null;
    const optimizers: OptimizerSpec[] = [];
    let schedule: ScheduleSpec = { name: DEFAULT_SCHEDULE, params: {} };
    for (const setting of stage.settings) {
      if (setting.name.name === 'optimizer') optimizers.push(this.optimizer(setting, stage.scope, loss));
      if (setting.name.name === 'schedule') {
        const { name, params } = this.builtinCall(setting, stage.scope);
        schedule = { name, params };
      }
    }
    const evals: EvalSpec[] = stage.evals.map((evalModel) => {
      this.buildScope(evalModel.scope);
      let statement = 0;
      for (const item of evalModel.block.body) {
        if (item.type !== 'ExpressionStatement') continue;
        const id = `${stage.stage.name.name}.eval${evalModel.index}.${++statement}`;
        this.buildNode(item.expression, evalModel.scope, id, { root: id, next: 0 });
      }
      return {
        every: this.value(EVAL_EVERY, evalModel.block.every, '`eval every`') as number,
        nodes: this.scopeNodes(evalModel.scope).map((node) => node.id),
      };
    });
    return {
      name: stage.stage.name.name,
      steps: steps as number,
      optimizers,
      schedule,
      loss,
      settings,
      nodes: this.scopeNodes(stage.scope).map((node) => node.id),
      evals,
    };
  }

  private optimizer(setting: Setting, scope: Scope, stageLoss: string | null): OptimizerSpec {
    const { name, params, ports, call } = this.builtinCall(setting, scope);
    const target = (port: string) => {
      const arg = ports.get(port)?.arg.value;
      if (!arg) return null;
      if (arg.type !== 'Identifier') throw new CompileError(`\`${port}:\` of ${name} must name a binding`);
      return this.referenceEdge(arg, scope).node;
    };
    return {
      name,
      params,
      loss: target('loss') ?? stageLoss,
      model: target('model'),
      source: { file: this.file, line: call.range.start.line, col: call.range.start.column },
    };
  }

  private builtinCall(setting: Setting, scope: Scope) {
    const call = setting.value;
    if (call.type !== 'Call') throw new CompileError(`${setting.name.name} takes a call`);
    const resolution = this.model.resolveCall(call, scope);
    if (!resolution.ok || resolution.target.kind !== 'builtin') throw new CompileError(`unknown ${setting.name.name}`);
    const { signature, label } = resolution.target;
    return {
      name: signature.name,
      params: this.params(signature.params, resolution.args.params, label),
      ports: resolution.args.ports,
      call,
    };
  }

  /** Settings of one level: given values, else defaults, else (stage `on_nan`) the top level's. */
  private settings(
    settings: Setting[],
    specs: readonly SettingSpec[],
    inherited: Record<string, Value>,
  ): Record<string, Value> {
    const resolved: Record<string, Value> = {};
    for (const spec of specs) {
      if (spec.form !== 'value') continue;
      const setting = settings.find((s) => s.name.name === spec.name);
      if (setting) resolved[spec.name] = this.value(spec.spec, setting.value, `setting "${spec.name}"`);
      else if (spec.spec.default !== undefined) resolved[spec.name] = structuredClone(spec.spec.default);
      else if (spec.inherits && inherited[spec.name] !== undefined) resolved[spec.name] = inherited[spec.name];
    }
    return resolved;
  }

  // ---- nodes -------------------------------------------------------------------------------

  /** Builds the nodes of a scope's bindings (each binding once; dependencies first). */
  private buildScope(scope: Scope): void {
    this.nodesByScope.set(scope, this.nodesByScope.get(scope) ?? []);
    for (const binding of scope.bindings.values()) this.bindingEdge(binding);
  }

  /** A scope's nodes in canonical topological order: the same graph gives the same order (and
   * plan hash) whatever the order of the bindings in the source. */
  private scopeNodes(scope: Scope): PlanNode[] {
    const nodes = this.nodesByScope.get(scope) ?? [];
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const inputs = (node: PlanNode) => planEdges(node).flatMap((edge) => byId.get(edge.node) ?? []);
    return canonicalOrder(nodes, (node) => node.id, inputs);
  }

  /** The edge a reference to `binding` becomes, building its nodes the first time. */
  private bindingEdge(binding: Binding): Edge {
    const known = this.bindingEdges.get(binding);
    if (known) return known;
    if (this.building.has(binding)) throw new CompileError(`dependency cycle through "${binding.name.name}"`);
    this.building.add(binding);
    const scope = this.model.scopeOfBinding(binding);
    const id = `${idPrefix(scope)}${binding.name.name}`;
    const value = binding.value;
    const edge = makesNode(value)
      ? {
          node: this.buildNode(value, scope, id, { root: id, next: 0 }, binding.name.name).id,
          type: this.typeOf(value, scope),
        }
      : this.edge(value, scope, { root: id, next: 0 });
    this.bindingEdges.set(binding, edge);
    this.building.delete(binding);
    return edge;
  }

  private referenceEdge(name: Identifier, scope: Scope): Edge {
    const resolved = this.model.resolveName(name.name, scope);
    if (resolved?.kind !== 'binding') throw new CompileError(`unknown name "${name.name}"`);
    return this.bindingEdge(resolved.binding);
  }

  /** The edge into a port that receives `expr`, building any nodes the expression makes. */
  private edge(expr: Expression, scope: Scope, ids: AnonymousIds): Edge {
    if (expr.type === 'Identifier') return this.referenceEdge(expr, scope);
    if (expr.type === 'Member') {
      const object = this.edge(expr.object, scope, ids);
      if (object.member) throw new CompileError(`member of a member: ${expr.member.name}`);
      return { node: object.node, member: expr.member.name, type: this.typeOf(expr, scope) };
    }
    const node = this.buildNode(expr, scope, `${ids.root}$${++ids.next}`, ids);
    return { node: node.id, type: node.output };
  }

  /** Builds the node for a call, operator or literal (its inputs first) and records it. */
  private buildNode(expr: Expression, scope: Scope, id: string, ids: AnonymousIds, binding?: string): PlanNode {
    const output = this.typeOf(expr, scope);
    const { op, kind, params, inputs } = this.nodeBody(expr, scope, ids);
    const node: PlanNode = {
      id,
      op,
      kind,
      stage: scope.stage?.name.name ?? null,
      ...(binding === undefined ? {} : { binding }),
      params,
      inputs,
      output,
      source: { file: this.file, line: expr.range.start.line, col: expr.range.start.column },
    };
    this.nodesByScope.get(scope)!.push(node);
    return node;
  }

  /** What a node does: its op, kind, parameters and input edges. */
  private nodeBody(
    expr: Expression,
    scope: Scope,
    ids: AnonymousIds,
  ): Pick<PlanNode, 'op' | 'kind' | 'params' | 'inputs'> {
    if (isLiteral(expr))
      return { op: CONST_OP, kind: OPERATOR_KIND, params: { value: literalValue(expr) }, inputs: {} };
    switch (expr.type) {
      case 'Call':
        return this.call(expr, scope, ids);
      case 'Binary': {
        if (expr.operator === '*') {
          const factor = plainNumber(expr.left) ?? plainNumber(expr.right);
          const operand = plainNumber(expr.left) !== undefined ? expr.right : expr.left;
          if (factor === undefined) throw new CompileError('`*` without a plain number');
          return {
            op: SCALE_OPERATOR.op,
            kind: OPERATOR_KIND,
            params: { factor },
            inputs: { x: this.edge(operand, scope, ids) },
          };
        }
        const {
          op,
          inputs: [a, b],
        } = BINARY_OPERATORS[expr.operator];
        return {
          op,
          kind: OPERATOR_KIND,
          params: {},
          inputs: { [a]: this.edge(expr.left, scope, ids), [b]: this.edge(expr.right, scope, ids) },
        };
      }
      case 'Unary': {
        const x = this.edge(expr.operand, scope, ids);
        return expr.operator === '!'
          ? { op: NOT_OPERATOR.op, kind: OPERATOR_KIND, params: {}, inputs: { x } }
          : { op: SCALE_OPERATOR.op, kind: OPERATOR_KIND, params: { factor: -1 }, inputs: { x } };
      }
      default:
        throw new CompileError(`no node for a ${expr.type} expression`);
    }
  }

  private call(
    call: CallExpression,
    scope: Scope,
    ids: AnonymousIds,
  ): Pick<PlanNode, 'op' | 'kind' | 'params' | 'inputs'> {
    const resolution = this.model.resolveCall(call, scope);
    if (!resolution.ok || resolution.target.kind !== 'node') throw new CompileError('a call that does not name a node');
    const { target, args } = resolution;
    const inputs: Record<string, Edge | Edge[]> = {};
    for (const port of target.signature.inputs) {
      const bound = args.ports.get(port.name);
      if (!bound) continue;
      inputs[port.name] = port.variadic
        ? bound.args.map((arg) => this.edge(arg.value, scope, ids))
        : this.edge(bound.arg.value, scope, ids);
    }
    return {
      op: `${target.namespace}.${target.signature.name}`,
      kind: target.signature.kind,
      params: this.params(target.signature.params, args.params, target.label),
      inputs,
    };
  }

  // ---- values ------------------------------------------------------------------------------

  /** Every parameter in declaration order: the given value, else the default; a parameter that
   * is optional without a default is left out. */
  private params(
    specs: ParamSpec[],
    given: Map<string, { arg: { value: Expression } }>,
    label: string,
  ): Record<string, Value> {
    const params: Record<string, Value> = {};
    for (const spec of specs) {
      const arg = given.get(spec.name);
      if (arg) params[spec.name] = this.value(spec, arg.arg.value, `"${spec.name}" of ${label}`);
      else if (spec.default !== undefined) params[spec.name] = structuredClone(spec.default);
    }
    return params;
  }

  private value(spec: ParamSpec, expr: Expression, subject: string): Value {
    const result = resolveParamValue(spec, expr, subject);
    if (!result.ok) throw new CompileError(result.problem?.message ?? `${subject}: invalid value`);
    return result.value;
  }

  private typeOf(expr: Expression, scope: Scope) {
    const type = this.model.typeOf(expr, scope);
    if (!type)
      throw new CompileError(`an expression of unknown type at ${expr.range.start.line}:${expr.range.start.column}`);
    return type.type;
  }
}

function idPrefix(scope: Scope): string {
  if (!scope.stage) return '';
  const stage = `${scope.stage.name.name}.`;
  return scope.kind === 'eval' ? `${stage}eval${scope.evalIndex}.` : stage;
}

/** Calls and operators make nodes; references and members name existing ones. */
function makesNode(expr: Expression): boolean {
  return expr.type === 'Call' || ((expr.type === 'Binary' || expr.type === 'Unary') && !isLiteral(expr));
}

/** A literal given to an input port, as the JSON value of a `core.const` node. */
function literalValue(expr: Expression): Value {
  switch (expr.type) {
    case 'Number':
    case 'String':
    case 'Bool':
      return expr.value;
    case 'Quantity':
      return toCanonical(expr.value, expr.unit);
    case 'List':
      return expr.items.map(literalValue);
    case 'Unary':
      return -(literalValue(expr.operand) as number);
    default:
      throw new CompileError(`not a literal: ${expr.type}`);
  }
}
