// The recipe AST. Every node carries its source range; the parser builds it (with recovery, so a
// damaged file still yields the nodes after an error), the checker and formatter read it.

/** A position in the source: 0-based offset, 1-based line and column (UTF-16 code units). */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** [start, end): `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

interface Base {
  range: Range;
}

// ---- expressions -------------------------------------------------------------------------

export interface NumberLiteral extends Base {
  type: 'Number';
  value: number;
  /** The source text, so the formatter can keep `3e-4` as written. */
  raw: string;
}

/** A number with a unit from the closed set (`500steps`, `30s`, `2GiB`, `10%`). */
export interface QuantityLiteral extends Base {
  type: 'Quantity';
  value: number;
  unit: string;
  raw: string;
}

export interface StringLiteral extends Base {
  type: 'String';
  value: string;
}

export interface BoolLiteral extends Base {
  type: 'Bool';
  value: boolean;
}

export interface ListLiteral extends Base {
  type: 'List';
  items: Expression[];
}

/** A bare name: a binding, or the head of `namespace.node(...)`. */
export interface Identifier extends Base {
  type: 'Identifier';
  name: string;
}

/** `object.member`: a namespace's node (when followed by a call) or a member of a value. */
export interface MemberExpression extends Base {
  type: 'Member';
  object: Expression;
  member: Identifier;
}

export interface Argument extends Base {
  /** Present for `name: value`; absent for a positional argument. */
  name?: Identifier;
  value: Expression;
}

/** `callee(args)`: callee is `ns.node` for a node, or a bare identifier for a built-in
 * (optimizers and schedules in stage settings: `adamw(lr: 3e-4)`). */
export interface CallExpression extends Base {
  type: 'Call';
  callee: Expression;
  args: Argument[];
}

export interface BinaryExpression extends Base {
  type: 'Binary';
  operator: '+' | '-' | '*' | '&' | '|';
  left: Expression;
  right: Expression;
}

export interface UnaryExpression extends Base {
  type: 'Unary';
  operator: '!' | '-';
  operand: Expression;
}

/** What the parser leaves where an expression could not be read (recovery). */
export interface ErrorExpression extends Base {
  type: 'Error';
}

export type Expression =
  | NumberLiteral
  | QuantityLiteral
  | StringLiteral
  | BoolLiteral
  | ListLiteral
  | Identifier
  | MemberExpression
  | CallExpression
  | BinaryExpression
  | UnaryExpression
  | ErrorExpression;

// ---- statements --------------------------------------------------------------------------

/** `sous 1`: the language version header, the first statement of a file. */
export interface VersionHeader extends Base {
  type: 'Version';
  version: NumberLiteral;
}

/** `recipe "name"` */
export interface RecipeName extends Base {
  type: 'RecipeName';
  name: StringLiteral;
}

/** `use "@sous/tasks"` or `use "@me/plugin" as mine` */
export interface Use extends Base {
  type: 'Use';
  package: StringLiteral;
  alias?: Identifier;
}

/** `name = expression` */
export interface Binding extends Base {
  type: 'Binding';
  name: Identifier;
  value: Expression;
}

/** `steps 300`, `optimizer adamw(lr: 3e-4)`, `seed 7`: a name followed by a value. The set of
 * setting names is closed and checked (not parsed) so that the language can grow. */
export interface Setting extends Base {
  type: 'Setting';
  name: Identifier;
  value: Expression;
}

/** `eval every 50 { expression* }` inside a stage. */
export interface EvalBlock extends Base {
  type: 'Eval';
  every: Expression;
  body: (Binding | ExpressionStatement)[];
}

export interface ExpressionStatement extends Base {
  type: 'ExpressionStatement';
  expression: Expression;
}

/** `stage name { ... }` */
export interface Stage extends Base {
  type: 'Stage';
  name: Identifier;
  body: StageStatement[];
}

export type StageStatement = Binding | Setting | EvalBlock;
export type Statement = VersionHeader | RecipeName | Use | Binding | Setting | Stage;

/** A `#` comment, kept for the formatter. */
export interface Comment extends Base {
  type: 'Comment';
  text: string;
}

export interface RecipeFile extends Base {
  type: 'File';
  /** The path the source was read from (used in diagnostics). */
  file: string;
  statements: Statement[];
  comments: Comment[];
}

export type AstNode = Statement | StageStatement | Expression | Argument | Comment | RecipeFile | ExpressionStatement;
