// The semantic model of a recipe: scopes, namespaces, resolved calls and argument bindings, and
// the type of every expression. It reports nothing: the rules (check/rules/) read it and report,
// and the compiler reads the same model to build the plan, so the two cannot disagree.
import type {
  Argument,
  Binding,
  CallExpression,
  EvalBlock,
  Expression,
  ExpressionStatement,
  Identifier,
  Range,
  RecipeFile,
  Setting,
  Stage,
  Use,
} from '../ast.js';
import {
  BINARY_OPERATORS,
  NOT_OPERATOR,
  OPTIMIZERS,
  SCALE_OPERATOR,
  SCHEDULES,
  STAGE_SETTINGS,
  TOP_LEVEL_SETTINGS,
  type BuiltinSignature,
  type SettingSpec,
} from '../builtins.js';
import type { NodeSignature, ParamSpec, PluginSignature, PortSpec, PortType, Registry } from '../registry.js';
import { suggest } from '../suggest.js';
import { plainNumber, signedNumber } from './literals.js';

export interface Scope {
  kind: 'top' | 'stage' | 'eval';
  parent?: Scope;
  stage?: Stage;
  /** 1-based index of an eval block within its stage. */
  evalIndex?: number;
  /** Each name's first binding; later duplicates are errors (rules/unique-bindings). */
  bindings: Map<string, Binding>;
  /** Every binding of the scope in source order, duplicates included. */
  declared: Binding[];
}

export interface EvalModel {
  block: EvalBlock;
  scope: Scope;
  index: number;
}

export interface StageModel {
  stage: Stage;
  scope: Scope;
  settings: Setting[];
  evals: EvalModel[];
}

export interface NamespaceEntry {
  name: string;
  use: Use;
  plugin: PluginSignature;
}

/** What a call's callee names: a plugin node or a built-in optimizer/schedule. */
export type CallTarget =
  | { kind: 'node'; label: string; namespace: string; signature: NodeSignature }
  | { kind: 'builtin'; label: string; signature: BuiltinSignature };

export interface BoundArguments {
  params: Map<string, { spec: ParamSpec; arg: Argument }>;
  /** `arg` is the first argument given to the port; `args` all of them (several only for a
   * variadic port). */
  ports: Map<string, { spec: PortSpec; arg: Argument; args: Argument[] }>;
  problems: ArgumentProblem[];
}

export type ArgumentProblem =
  | { kind: 'unknown-name'; arg: Argument & { name: Identifier }; suggestion?: string }
  | { kind: 'duplicate'; arg: Argument; name: string }
  | { kind: 'too-many-positional'; arg: Argument; max: number };

export type CallProblem =
  /** Reported by someone else: the parser (a damaged callee) or rules/known-builtins (a setting
   * whose value is not a built-in call). */
  | { kind: 'reported-elsewhere' }
  | {
      kind: 'unknown-namespace';
      name: Identifier;
      suggestion?: string /** A registry package that offers it. */;
      package?: string;
    }
  /** The namespace's `use` failed (rules/known-packages reports it): stay silent. */
  | { kind: 'unavailable-namespace' }
  | { kind: 'unknown-node'; namespace: string; node: Identifier; range: Range; suggestion?: string }
  | { kind: 'unknown-builtin'; setting: 'optimizer' | 'schedule'; name: Identifier; suggestion?: string }
  | { kind: 'not-callable'; range: Range; hint?: string };

export type CallResolution =
  | { ok: true; target: CallTarget; args: BoundArguments }
  | { ok: false; problem: CallProblem };

export type NameResolution =
  | { kind: 'binding'; binding: Binding; scope: Scope }
  | { kind: 'namespace'; entry: NamespaceEntry };

/** The type of a value, with the members its producing node declares (`task.train`). */
export interface ValueType {
  type: PortType;
  members?: Record<string, PortType>;
}

/** An expression visited in value position, with the scope its names resolve in. */
export type ExpressionVisitor = (expr: Expression, scope: Scope) => void;

export class SemanticModel {
  readonly top: Scope;
  readonly stages: StageModel[] = [];
  readonly topSettings: Setting[] = [];
  /** Namespaces by name (first `use` wins; duplicates are errors in rules/known-packages). */
  readonly namespaces = new Map<string, NamespaceEntry>();
  /** `use` lines whose package the registry lacks. */
  readonly missingUses: Use[] = [];
  /** Namespaces those missing packages would probably have registered; calls into them stay
   * silent so that one missing package is one error. */
  private readonly unavailable = new Set<string>();
  private readonly settingCalls = new Map<CallExpression, 'optimizer' | 'schedule'>();
  private readonly scopeOf = new Map<Binding, Scope>();
  private readonly calls = new Map<CallExpression, CallResolution>();
  private readonly types = new Map<Expression, ValueType | undefined>();
  private readonly typing = new Set<Binding>();

  constructor(
    readonly ast: RecipeFile,
    readonly registry: Registry,
  ) {
    this.top = newScope('top');
    for (const statement of ast.statements) {
      switch (statement.type) {
        case 'Use':
          this.addUse(statement);
          break;
        case 'Binding':
          this.declare(this.top, statement);
          break;
        case 'Setting':
          this.topSettings.push(statement);
          break;
        case 'Stage':
          this.addStage(statement);
          break;
        default:
          break;
      }
    }
  }

  // ---- scopes and names ----------------------------------------------------------------

  /** Looks `name` up from `scope` outwards: bindings first, then namespaces. */
  resolveName(name: string, scope: Scope): NameResolution | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const binding = s.bindings.get(name);
      if (binding) return { kind: 'binding', binding, scope: s };
    }
    const entry = this.namespaces.get(name);
    return entry ? { kind: 'namespace', entry } : undefined;
  }

  /** Binding names visible from `scope`, innermost first (for suggestions). */
  visibleNames(scope: Scope): string[] {
    const names: string[] = [];
    for (let s: Scope | undefined = scope; s; s = s.parent) names.push(...s.bindings.keys());
    return names;
  }

  isUnavailableNamespace(name: string): boolean {
    return this.unavailable.has(name) && !this.namespaces.has(name);
  }

  scopeOfBinding(binding: Binding): Scope {
    const scope = this.scopeOf.get(binding);
    if (!scope) throw new Error(`binding "${binding.name.name}" is not part of this recipe`);
    return scope;
  }

  /** Every scope: top level, each stage, each eval block. */
  allScopes(): Scope[] {
    return [this.top, ...this.stages.flatMap((s) => [s.scope, ...s.evals.map((e) => e.scope)])];
  }

  settingSpec(setting: Setting, level: 'top' | 'stage'): SettingSpec | undefined {
    const specs = level === 'top' ? TOP_LEVEL_SETTINGS : STAGE_SETTINGS;
    return specs.find((spec) => spec.name === setting.name.name);
  }

  // ---- calls -----------------------------------------------------------------------------

  resolveCall(call: CallExpression, scope: Scope): CallResolution {
    let resolution = this.calls.get(call);
    if (!resolution) {
      const target = this.resolveCallee(call, scope);
      resolution =
        'problem' in target
          ? { ok: false, problem: target.problem }
          : { ok: true, target, args: bindArguments(call, target.signature) };
      this.calls.set(call, resolution);
    }
    return resolution;
  }

  private resolveCallee(call: CallExpression, scope: Scope): CallTarget | { problem: CallProblem } {
    const { callee } = call;
    const setting = this.settingCalls.get(call);
    if (setting) {
      if (callee.type !== 'Identifier') return { problem: { kind: 'reported-elsewhere' } };
      const builtins = setting === 'optimizer' ? OPTIMIZERS : SCHEDULES;
      const signature = builtins.find((b) => b.name === callee.name);
      if (signature) return { kind: 'builtin', label: signature.name, signature };
      return {
        problem: {
          kind: 'unknown-builtin',
          setting,
          name: callee,
          suggestion: suggest(
            callee.name,
            builtins.map((b) => b.name),
          ),
        },
      };
    }
    if (callee.type === 'Error') return { problem: { kind: 'reported-elsewhere' } };
    if (callee.type === 'Identifier') {
      const builtin = [...OPTIMIZERS, ...SCHEDULES].find((b) => b.name === callee.name);
      const hint = builtin
        ? `${callee.name} is ${builtin.kind === 'optimizer' ? 'an optimizer' : 'a schedule'}: write it as a stage setting, \`${builtin.kind} ${callee.name}(...)\``
        : 'only plugin nodes can be called, as `namespace.node(...)`';
      return { problem: { kind: 'not-callable', range: callee.range, hint } };
    }
    if (callee.type !== 'Member' || callee.object.type !== 'Identifier') {
      return {
        problem: {
          kind: 'not-callable',
          range: callee.range,
          hint: 'only plugin nodes can be called, as `namespace.node(...)`',
        },
      };
    }
    return this.resolveNode(callee.object, callee.member, callee.range, scope);
  }

  /** Resolves `namespace.node` (called or not) to the node's signature. */
  resolveNode(
    namespaceName: Identifier,
    node: Identifier,
    range: Range,
    scope: Scope,
  ): Extract<CallTarget, { kind: 'node' }> | { problem: CallProblem } {
    const name = this.resolveName(namespaceName.name, scope);
    if (name?.kind === 'binding') {
      return {
        problem: {
          kind: 'not-callable',
          range,
          hint: `"${namespaceName.name}" is a binding, not a namespace; only plugin nodes can be called`,
        },
      };
    }
    if (!name) {
      if (this.isUnavailableNamespace(namespaceName.name)) return { problem: { kind: 'unavailable-namespace' } };
      const offering = this.registry.plugins().find((p) => p.namespace === namespaceName.name);
      return {
        problem: {
          kind: 'unknown-namespace',
          name: namespaceName,
          package: offering?.package,
          suggestion: offering ? undefined : suggest(namespaceName.name, this.namespaces.keys()),
        },
      };
    }
    const { plugin } = name.entry;
    const signature = plugin.nodes.find((n) => n.name === node.name);
    if (!signature) {
      const near = suggest(
        node.name,
        plugin.nodes.map((n) => n.name),
      );
      return {
        problem: {
          kind: 'unknown-node',
          namespace: namespaceName.name,
          node,
          range,
          suggestion: near === undefined ? undefined : `${namespaceName.name}.${near}`,
        },
      };
    }
    return { kind: 'node', label: `${namespaceName.name}.${node.name}`, namespace: namespaceName.name, signature };
  }

  // ---- walking -----------------------------------------------------------------------------

  /** Visits every expression in value position: binding values, eval statements, and the
   * reference arguments of optimizers. Parameter arguments (literals) and callees are not
   * visited; the arguments of a call that does not resolve are. */
  forEachExpression(visit: ExpressionVisitor): void {
    for (const root of this.roots()) this.walkFrom(root.expr, root.scope, visit);
  }

  /** The expressions that start a value, each with its scope and the statement that holds it. */
  roots(): { expr: Expression; scope: Scope; owner: Binding | ExpressionStatement | Setting }[] {
    const roots: { expr: Expression; scope: Scope; owner: Binding | ExpressionStatement | Setting }[] = [];
    for (const scope of this.allScopes()) {
      for (const binding of scope.declared) roots.push({ expr: binding.value, scope, owner: binding });
    }
    for (const stage of this.stages) {
      for (const setting of stage.settings) {
        if (setting.value.type === 'Call' && this.settingCalls.has(setting.value))
          roots.push({ expr: setting.value, scope: stage.scope, owner: setting });
      }
      for (const evalModel of stage.evals) {
        for (const statement of evalModel.block.body) {
          if (statement.type === 'ExpressionStatement')
            roots.push({ expr: statement.expression, scope: evalModel.scope, owner: statement });
        }
      }
    }
    return roots;
  }

  /** Bindings that `binding`'s value refers to (in value position), in order of appearance. */
  dependencies(binding: Binding): Binding[] {
    const found: Binding[] = [];
    this.walkFrom(binding.value, this.scopeOfBinding(binding), (expr, scope) => {
      if (expr.type !== 'Identifier') return;
      const name = this.resolveName(expr.name, scope);
      if (name?.kind === 'binding' && !found.includes(name.binding)) found.push(name.binding);
    });
    return found;
  }

  /** `forEachExpression` limited to one root expression (all of it is in `rootScope`). */
  walkFrom(root: Expression, rootScope: Scope, visit: ExpressionVisitor): void {
    const walk = (expr: Expression): void => {
      visit(expr, rootScope);
      switch (expr.type) {
        case 'List':
          for (const item of expr.items) walk(item);
          break;
        case 'Member':
          if (!this.isNamespaceMember(expr, rootScope)) walk(expr.object);
          break;
        case 'Binary':
          walk(expr.left);
          walk(expr.right);
          break;
        case 'Unary':
          walk(expr.operand);
          break;
        case 'Call': {
          const resolution = this.resolveCall(expr, rootScope);
          const args = resolution.ok ? [...resolution.args.ports.values()].flatMap((p) => p.args) : expr.args;
          for (const arg of args) walk(arg.value);
          break;
        }
        default:
          break;
      }
    };
    walk(root);
  }

  /** True for `ns.node` where `ns` names a namespace (not a value with a member). */
  isNamespaceMember(expr: Expression, scope: Scope): boolean {
    if (expr.type !== 'Member' || expr.object.type !== 'Identifier') return false;
    const namespace = expr.object.name;
    const name = this.resolveName(namespace, scope);
    if (name) return name.kind === 'namespace';
    // Not imported: still a namespace if a missing or known-but-unused package would provide it.
    return this.isUnavailableNamespace(namespace) || this.registry.plugins().some((p) => p.namespace === namespace);
  }

  // ---- types -------------------------------------------------------------------------------

  /** The type of `expr`, or undefined where it cannot be known (an error some rule reports). */
  typeOf(expr: Expression, scope: Scope): ValueType | undefined {
    if (this.types.has(expr)) return this.types.get(expr);
    const type = this.computeType(expr, scope);
    this.types.set(expr, type);
    return type;
  }

  /** The type of a binding's value; undefined inside a cycle. */
  bindingType(binding: Binding): ValueType | undefined {
    if (this.typing.has(binding)) return undefined;
    this.typing.add(binding);
    try {
      return this.typeOf(binding.value, this.scopeOfBinding(binding));
    } finally {
      this.typing.delete(binding);
    }
  }

  private computeType(expr: Expression, scope: Scope): ValueType | undefined {
    switch (expr.type) {
      case 'Number':
      case 'Quantity':
        return { type: 'Number' };
      case 'String':
        return { type: 'String' };
      case 'Bool':
        return { type: 'Bool' };
      case 'List':
        return { type: 'List' };
      case 'Identifier': {
        const name = this.resolveName(expr.name, scope);
        return name?.kind === 'binding' ? this.bindingType(name.binding) : undefined;
      }
      case 'Member': {
        if (this.isNamespaceMember(expr, scope)) return undefined;
        const member = this.typeOf(expr.object, scope)?.members?.[expr.member.name];
        return member ? { type: member } : undefined;
      }
      case 'Call': {
        const resolution = this.resolveCall(expr, scope);
        if (!resolution.ok || resolution.target.kind !== 'node') return undefined;
        const { output, members } = resolution.target.signature;
        return members ? { type: output, members } : { type: output };
      }
      case 'Binary':
        return this.operatorType(expr.operator, [expr.left, expr.right], scope);
      case 'Unary': {
        if (signedNumber(expr)) return { type: 'Number' };
        return this.operatorType(expr.operator === '!' ? '!' : 'neg', [expr.operand], scope);
      }
      case 'Error':
        return undefined;
    }
  }

  /** The result type of an operator, or undefined when its operands do not fit it (or are
   * unknown). `neg` is the unary minus on a value. */
  operatorType(
    operator: '+' | '-' | '*' | '&' | '|' | '!' | 'neg',
    operands: Expression[],
    scope: Scope,
  ): ValueType | undefined {
    if (operator === '*') {
      const [left, right] = operands;
      const value = plainNumber(left) !== undefined ? right : plainNumber(right) !== undefined ? left : undefined;
      const type = value && this.typeOf(value, scope)?.type;
      return type && SCALE_OPERATOR.types.includes(type) ? { type } : undefined;
    }
    const spec = operator === '!' ? NOT_OPERATOR : operator === 'neg' ? SCALE_OPERATOR : BINARY_OPERATORS[operator];
    const types = operands.map((operand) => this.typeOf(operand, scope)?.type);
    const first = types[0];
    if (!first || !spec.types.includes(first) || types.some((t) => t !== first)) return undefined;
    return { type: first };
  }

  // ---- construction ------------------------------------------------------------------------

  private addUse(use: Use): void {
    const plugin = this.registry.plugin(use.package.value);
    if (!plugin) {
      this.missingUses.push(use);
      this.unavailable.add(use.alias?.name ?? guessNamespace(use.package.value));
      return;
    }
    const name = use.alias?.name ?? plugin.namespace;
    if (!this.namespaces.has(name)) this.namespaces.set(name, { name, use, plugin });
  }

  private addStage(stage: Stage): void {
    const scope = newScope('stage', this.top, stage);
    const model: StageModel = { stage, scope, settings: [], evals: [] };
    for (const statement of stage.body) {
      switch (statement.type) {
        case 'Binding':
          this.declare(scope, statement);
          break;
        case 'Setting': {
          model.settings.push(statement);
          const spec = this.settingSpec(statement, 'stage');
          if (spec && spec.form !== 'value' && statement.value.type === 'Call')
            this.settingCalls.set(statement.value, spec.form);
          break;
        }
        case 'Eval': {
          const index = model.evals.length + 1;
          const evalScope = newScope('eval', scope, stage, index);
          for (const item of statement.body) if (item.type === 'Binding') this.declare(evalScope, item);
          model.evals.push({ block: statement, scope: evalScope, index });
          break;
        }
      }
    }
    this.stages.push(model);
  }

  private declare(scope: Scope, binding: Binding): void {
    scope.declared.push(binding);
    this.scopeOf.set(binding, scope);
    if (!scope.bindings.has(binding.name.name)) scope.bindings.set(binding.name.name, binding);
  }
}

function newScope(kind: Scope['kind'], parent?: Scope, stage?: Stage, evalIndex?: number): Scope {
  return { kind, parent, stage, evalIndex, bindings: new Map(), declared: [] };
}

/** `@sous/tasks` → `tasks`: the namespace a package that cannot be loaded would likely have had. */
function guessNamespace(packageName: string): string {
  return packageName
    .split('/')
    .pop()!
    .replace(/^sous-/, '');
}

/** Positional arguments bind input ports in order (a variadic last port takes all the rest);
 * named ones bind a port (one value) or a parameter. */
function bindArguments(call: CallExpression, signature: { params: ParamSpec[]; inputs: PortSpec[] }): BoundArguments {
  const bound: BoundArguments = { params: new Map(), ports: new Map(), problems: [] };
  let position = 0;
  for (const arg of call.args) {
    if (!arg.name) {
      const last = signature.inputs.at(-1);
      const port = signature.inputs[position] ?? (last?.variadic ? last : undefined);
      position++;
      const earlier = port && bound.ports.get(port.name);
      if (!port) {
        bound.problems.push({ kind: 'too-many-positional', arg, max: signature.inputs.length });
      } else if (earlier && port.variadic && position > signature.inputs.length) {
        earlier.args.push(arg);
      } else if (earlier) {
        bound.problems.push({ kind: 'duplicate', arg, name: port.name });
      } else {
        bound.ports.set(port.name, { spec: port, arg, args: [arg] });
      }
      continue;
    }
    const name = arg.name.name;
    const port = signature.inputs.find((p) => p.name === name);
    const param = signature.params.find((p) => p.name === name);
    if (bound.ports.has(name) || bound.params.has(name)) {
      bound.problems.push({ kind: 'duplicate', arg, name });
    } else if (port) {
      bound.ports.set(name, { spec: port, arg, args: [arg] });
    } else if (param) {
      bound.params.set(name, { spec: param, arg });
    } else {
      const names = [...signature.params.map((p) => p.name), ...signature.inputs.map((p) => p.name)];
      bound.problems.push({
        kind: 'unknown-name',
        arg: arg as Argument & { name: Identifier },
        suggestion: suggest(name, names),
      });
    }
  }
  return bound;
}
