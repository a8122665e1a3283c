// `sous explain`: a plan printed back as a recipe with everything resolved: every setting and
// parameter written out (defaults included, quantities in canonical units), ports named, plugin
// versions as comments. Parsed, checked and compiled again it gives a plan with the same hash.
//
// Expressions are rebuilt as AST nodes and printed by the formatter's printer; long ones break
// (exploded calls, a new line before a binary operator) and the formatter lays out the result,
// so explain writes canonical text. Nodes with a binding print as `name = ...`; anonymous nodes
// are inlined where they are used; an unnamed eval node is an eval statement.
import type { Expression, Range } from '../ast.js';
import { format } from '../format.js';
import { BINARY_PRECEDENCE, printExpression, quoteString } from '../print.js';
import { planEdges, type Edge, type Plan, type PlanNode, type PlanStage } from '../plan.js';
import type { Value } from '../registry.js';
import { BINARY_OPERATORS, CONST_OP, NOT_OPERATOR, SCALE_OPERATOR } from '../builtins.js';

export function explain(plan: Plan): string {
  return new Explainer(plan).print();
}

const INDENT = '  ';
/** Lines longer than this break (calls explode, binary expressions break before an operator). */
const WIDTH = 100;

class Explainer {
  private readonly byId: Map<string, PlanNode>;
  /** Ids of nodes some other node takes as an input (inlined there when anonymous). */
  private readonly used = new Set<string>();

  constructor(private readonly plan: Plan) {
    this.byId = new Map(plan.nodes.map((node) => [node.id, node]));
    for (const node of plan.nodes) for (const edge of planEdges(node)) this.used.add(edge.node);
  }

  print(): string {
    const { plan } = this;
    const out: string[] = [
      `# ${plan.file}, resolved by \`sous explain\`: every setting and parameter written out, defaults included.`,
      `sous ${plan.version}`,
      `recipe ${quoteString(plan.recipe)}`,
      '',
      ...plan.uses.map(
        (use) =>
          `use ${quoteString(use.package)} as ${use.namespace}${use.version ? `  # ${use.package}@${use.version}` : ''}`,
      ),
      '',
      ...Object.entries(plan.settings).map(([name, value]) => `${name} ${this.value(value)}`),
    ];
    const topLevel = plan.nodes.filter((node) => node.stage === null);
    if (topLevel.length) out.push('', ...this.statements(topLevel, ''));
    for (const stage of plan.stages) out.push('', ...this.stage(stage));
    return format(`${out.join('\n')}\n`, `${plan.file} (explained)`);
  }

  private stage(stage: PlanStage): string[] {
    const lines = [`stage ${stage.name} {`, `${INDENT}steps ${stage.steps}`];
    for (const optimizer of stage.optimizers) {
      const refs: string[] = [];
      if (optimizer.model !== null) refs.push(`model: ${this.nodeName(optimizer.model)}`);
      if (optimizer.loss !== null && optimizer.loss !== stage.loss) refs.push(`loss: ${this.nodeName(optimizer.loss)}`);
      lines.push(
        `${INDENT}optimizer ${optimizer.name}(${[...this.namedValues(optimizer.params), ...refs].join(', ')})`,
      );
    }
    lines.push(`${INDENT}schedule ${stage.schedule.name}(${this.namedValues(stage.schedule.params).join(', ')})`);
    for (const [name, value] of Object.entries(stage.settings)) lines.push(`${INDENT}${name} ${this.value(value)}`);
    lines.push(
      ...this.statements(
        stage.nodes.map((id) => this.node(id)),
        INDENT,
      ),
    );
    // `loss = other` when the stage's loss is a node bound under another name.
    if (stage.loss !== null && this.node(stage.loss).binding !== 'loss')
      lines.push(`${INDENT}loss = ${this.nodeName(stage.loss)}`);
    for (const evalSpec of stage.evals) {
      lines.push(`${INDENT}eval every ${evalSpec.every} {`);
      lines.push(
        ...this.statements(
          evalSpec.nodes.map((id) => this.node(id)),
          INDENT + INDENT,
        ),
      );
      lines.push(`${INDENT}}`);
    }
    lines.push('}');
    return lines;
  }

  /** `name = expr` for bound nodes (in plan order), then `expr` for the unnamed roots (eval
   * statements, in the order their ids number them); anonymous inputs are inlined. */
  private statements(nodes: PlanNode[], indent: string): string[] {
    const bound = nodes.filter((node) => node.binding !== undefined);
    const statementNumber = (node: PlanNode) => Number(node.id.slice(node.id.lastIndexOf('.') + 1));
    const unnamed = nodes
      .filter((node) => node.binding === undefined && !this.used.has(node.id))
      .sort((a, b) => statementNumber(a) - statementNumber(b));
    return [
      ...bound.map(
        (node) =>
          `${indent}${node.binding} = ${layout(this.expression(node), indent.length + node.binding!.length + 3)}`,
      ),
      ...unnamed.map((node) => `${indent}${layout(this.expression(node), indent.length)}`),
    ];
  }

  private expression(node: PlanNode): Expression {
    const input = (port: string) => this.reference(node.inputs[port] as Edge);
    switch (node.op) {
      case CONST_OP:
        return valueExpression(node.params.value);
      case SCALE_OPERATOR.op:
        return {
          type: 'Binary',
          operator: '*',
          left: valueExpression(node.params.factor),
          right: input('x'),
          range: NO_RANGE,
        };
      case NOT_OPERATOR.op:
        return { type: 'Unary', operator: '!', operand: input('x'), range: NO_RANGE };
      default:
        break;
    }
    const binary = Object.entries(BINARY_OPERATORS).find(([, spec]) => spec.op === node.op);
    if (binary) {
      const [operator, spec] = binary as [
        keyof typeof BINARY_OPERATORS,
        (typeof BINARY_OPERATORS)[keyof typeof BINARY_OPERATORS],
      ];
      return { type: 'Binary', operator, left: input(spec.inputs[0]), right: input(spec.inputs[1]), range: NO_RANGE };
    }
    const dot = node.op.indexOf('.');
    const callee: Expression = {
      type: 'Member',
      object: identifier(node.op.slice(0, dot)),
      member: identifier(node.op.slice(dot + 1)),
      range: NO_RANGE,
    };
    // A variadic port's values are positional, so then every port is (the ones before it are required).
    const positional = Object.values(node.inputs).some(Array.isArray);
    const args = [
      ...Object.entries(node.inputs).flatMap(([port, edges]) =>
        (Array.isArray(edges) ? edges : [edges]).map((edge) => ({
          ...(positional ? {} : { name: identifier(port) }),
          value: this.reference(edge),
          range: NO_RANGE,
        })),
      ),
      ...Object.entries(node.params)
        .filter(([, value]) => value !== null)
        .map(([name, value]) => ({ name: identifier(name), value: valueExpression(value), range: NO_RANGE })),
    ];
    return { type: 'Call', callee, args, range: NO_RANGE };
  }

  /** A bound node by its name, an anonymous one inline; then the member, if any. */
  private reference(edge: Edge): Expression {
    const target = this.node(edge.node);
    const object = target.binding !== undefined ? identifier(target.binding) : this.expression(target);
    return edge.member === undefined
      ? object
      : { type: 'Member', object, member: identifier(edge.member), range: NO_RANGE };
  }

  private nodeName(id: string): string {
    return printExpression(this.reference({ node: id, type: this.node(id).output }));
  }

  private node(id: string): PlanNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`plan has no node "${id}"`);
    return node;
  }

  private namedValues(params: Record<string, Value>): string[] {
    return Object.entries(params)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => `${name}: ${this.value(value)}`);
  }

  private value(value: Value): string {
    return printExpression(valueExpression(value));
  }
}

/** `expr` as text starting at column `column`: one line when it fits in WIDTH, else broken. */
function layout(expr: Expression, column: number): string {
  const flat = printExpression(expr);
  if (column + flat.length <= WIDTH) return flat;
  if (expr.type === 'Call' && expr.args.length > 0) {
    const args = expr.args.map(
      (arg) =>
        `${arg.name ? `${arg.name.name}: ` : ''}${layout(arg.value, 4 + (arg.name ? arg.name.name.length + 2 : 0))},`,
    );
    return `${printExpression(expr.callee)}(\n${args.join('\n')}\n)`;
  }
  if (expr.type === 'Binary' && expr.operator === '*') {
    return `${printExpression(expr.left)} * ${layout(expr.right, column + printExpression(expr.left).length + 3)}`;
  }
  if (expr.type === 'Binary' && splitsCleanly(expr)) {
    return `${layout(expr.left, column)}\n${expr.operator} ${layout(expr.right, column + 2)}`;
  }
  return flat;
}

/** True when both operands print without parentheses of their own (so the line can break at
 * the operator): operators are left-associative. */
function splitsCleanly(expr: Expression & { type: 'Binary' }): boolean {
  const precedence = BINARY_PRECEDENCE[expr.operator];
  const { left, right } = expr;
  return (
    !(left.type === 'Binary' && BINARY_PRECEDENCE[left.operator] < precedence) &&
    !(right.type === 'Binary' && BINARY_PRECEDENCE[right.operator] <= precedence)
  );
}

const NO_POSITION = { offset: 0, line: 1, column: 1 };
const NO_RANGE: Range = { start: NO_POSITION, end: NO_POSITION };

function identifier(name: string): Expression & { type: 'Identifier' } {
  return { type: 'Identifier', name, range: NO_RANGE };
}

/** A resolved JSON value as a literal expression. */
function valueExpression(value: Value): Expression {
  if (typeof value === 'number') {
    const literal: Expression = {
      type: 'Number',
      value: Math.abs(value),
      raw: String(Math.abs(value)),
      range: NO_RANGE,
    };
    return value < 0 || Object.is(value, -0)
      ? { type: 'Unary', operator: '-', operand: literal, range: NO_RANGE }
      : literal;
  }
  if (typeof value === 'string') return { type: 'String', value, range: NO_RANGE };
  if (typeof value === 'boolean') return { type: 'Bool', value, range: NO_RANGE };
  if (Array.isArray(value)) return { type: 'List', items: value.map(valueExpression), range: NO_RANGE };
  throw new Error(`a ${value === null ? 'null' : 'JSON object'} value has no recipe syntax`);
}
