// Turns the parser's CST into the AST of ast.ts. The CST of a damaged file has holes (a rule
// that recovery re-synced may lack children, a token inserted by recovery has NaN offsets), so
// every method here tolerates missing pieces: a missing expression becomes an ErrorExpression at
// the end of the last token read, an unreadable statement is left out.
import type { CstNode, IToken } from 'chevrotain';
import type {
  Argument,
  Binding,
  EvalBlock,
  Expression,
  ExpressionStatement,
  Identifier,
  Range,
  RecipeFile,
  Setting,
  Stage,
  StageStatement,
  Statement,
  StringLiteral,
} from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { recipeParser } from './parser.js';
import type { PositionMap } from './positions.js';
import { splitQuantity, tokenEnd, UnterminatedString } from './lexer.js';

type Ctx = Record<string, Array<CstNode | IToken> | undefined>;
type BinaryOperator = '+' | '-' | '*' | '&' | '|';

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

const BaseVisitor = recipeParser.getBaseCstVisitorConstructor();

class AstBuilder extends BaseVisitor {
  private positions!: PositionMap;
  private file = '';
  private diagnostics: Diagnostic[] = [];
  /** End offset of the last real token read: where a missing expression is placed. */
  private cursor = 0;

  constructor() {
    super();
    this.validateVisitor();
  }

  build(cst: CstNode, positions: PositionMap, file: string, diagnostics: Diagnostic[]): RecipeFile {
    this.positions = positions;
    this.file = file;
    this.diagnostics = diagnostics;
    this.cursor = 0;
    const statements = this.visit(cst) as Statement[];
    return { type: 'File', file, statements, comments: [], range: positions.range(0, positions.source.length) };
  }

  // ---- helpers ---------------------------------------------------------------------------

  private token(ctx: Ctx, key: string, index = 0): IToken | undefined {
    const token = ctx[key]?.[index] as IToken | undefined;
    return token && !Number.isNaN(token.startOffset) ? token : undefined;
  }

  private node(ctx: Ctx, key: string, index = 0): CstNode | undefined {
    return ctx[key]?.[index] as CstNode | undefined;
  }

  /** The token's range; reading a token moves the cursor past it. */
  private tokenRange(token: IToken): Range {
    this.cursor = Math.max(this.cursor, tokenEnd(token));
    return this.positions.range(token.startOffset, tokenEnd(token));
  }

  private span(first: Range, last: Range): Range {
    return { start: first.start, end: last.end };
  }

  private visitAll<T>(nodes: Array<CstNode | IToken> | undefined): T[] {
    return (nodes ?? [])
      .map((n) => this.visit(n as CstNode) as T | null)
      .filter((n): n is T => n !== null && n !== undefined);
  }

  private errorExpression(): Expression {
    return { type: 'Error', range: this.positions.range(this.cursor, this.cursor) };
  }

  private expressionOrError(node: CstNode | undefined): Expression {
    return (node && (this.visit(node) as Expression | null)) || this.errorExpression();
  }

  private identifier(token: IToken | undefined): Identifier {
    if (!token) return { type: 'Identifier', name: '', range: this.positions.range(this.cursor, this.cursor) };
    return { type: 'Identifier', name: token.image, range: this.tokenRange(token) };
  }

  private stringLiteral(token: IToken | undefined): StringLiteral {
    if (!token) return { type: 'String', value: '', range: this.positions.range(this.cursor, this.cursor) };
    return { type: 'String', value: this.unescape(token), range: this.tokenRange(token) };
  }

  /** The value of a string token (an unterminated one has no closing quote). */
  private unescape(token: IToken): string {
    const closed = token.tokenType !== UnterminatedString;
    const body = token.image.slice(1, closed ? -1 : undefined);
    return body.replace(/\\(.?)/g, (sequence: string, char: string, at: number) => {
      const value = ESCAPES[char];
      if (value !== undefined) return value;
      if (char === '') return ''; // a lone `\` ending an unterminated string: R0102 covers it
      const offset = token.startOffset + 1 + at;
      this.diagnostics.push({
        code: 'R0105',
        severity: 'error',
        file: this.file,
        message: `unknown escape "${sequence}" in a string: the escapes are \\" \\\\ \\n and \\t`,
        range: this.positions.range(offset, offset + sequence.length),
      });
      return char;
    });
  }

  private binaryChain(ctx: Ctx, operandKey: string, operatorKey: string): Expression | null {
    const operands = ctx[operandKey] ?? [];
    const operators = ctx[operatorKey] ?? [];
    if (operands.length === 0) return null;
    let left = this.expressionOrError(operands[0] as CstNode);
    for (let i = 0; i < operators.length; i++) {
      const operator = (operators[i] as IToken).image as BinaryOperator;
      this.tokenRange(operators[i] as IToken);
      const right = this.expressionOrError(operands[i + 1] as CstNode | undefined);
      left = { type: 'Binary', operator, left, right, range: this.span(left.range, right.range) };
    }
    return left;
  }

  // ---- statements ------------------------------------------------------------------------

  recipeFile(ctx: Ctx): Statement[] {
    return this.visitAll<Statement>(ctx.topStatement);
  }

  topStatement(ctx: Ctx): Statement | null {
    const child =
      this.node(ctx, 'versionHeader') ??
      this.node(ctx, 'recipeName') ??
      this.node(ctx, 'useStatement') ??
      this.node(ctx, 'stageBlock') ??
      this.node(ctx, 'bindingOrSetting');
    return child ? (this.visit(child) as Statement | null) : null;
  }

  versionHeader(ctx: Ctx): Statement | null {
    const keyword = this.token(ctx, 'Sous');
    if (!keyword) return null;
    const start = this.tokenRange(keyword);
    const token = this.token(ctx, 'NumberLiteral');
    const range = token ? this.tokenRange(token) : this.positions.range(this.cursor, this.cursor);
    const version = {
      type: 'Number' as const,
      value: token ? Number(token.image) : Number.NaN,
      raw: token?.image ?? '',
      range,
    };
    return { type: 'Version', version, range: this.span(start, range) };
  }

  recipeName(ctx: Ctx): Statement | null {
    const keyword = this.token(ctx, 'Recipe');
    if (!keyword) return null;
    const start = this.tokenRange(keyword);
    const name = this.stringLiteral(this.token(ctx, 'StringLiteral'));
    return { type: 'RecipeName', name, range: this.span(start, name.range) };
  }

  useStatement(ctx: Ctx): Statement | null {
    const keyword = this.token(ctx, 'Use');
    if (!keyword) return null;
    const start = this.tokenRange(keyword);
    const pkg = this.stringLiteral(this.token(ctx, 'StringLiteral'));
    const as = this.token(ctx, 'As');
    if (!as) return { type: 'Use', package: pkg, range: this.span(start, pkg.range) };
    this.tokenRange(as);
    const alias = this.identifier(this.token(ctx, 'Identifier'));
    return { type: 'Use', package: pkg, alias, range: this.span(start, alias.range) };
  }

  bindingOrSetting(ctx: Ctx): Binding | Setting | null {
    const nameToken = this.token(ctx, 'Identifier');
    if (!nameToken) return null;
    const name = this.identifier(nameToken);
    const equals = this.token(ctx, 'Equals');
    if (equals) this.tokenRange(equals);
    const value = this.expressionOrError(this.node(ctx, 'expression'));
    const range = this.span(name.range, value.range);
    return equals ? { type: 'Binding', name, value, range } : { type: 'Setting', name, value, range };
  }

  stageBlock(ctx: Ctx): Stage | null {
    const keyword = this.token(ctx, 'Stage');
    if (!keyword) return null;
    const start = this.tokenRange(keyword);
    const name = this.identifier(this.token(ctx, 'Identifier'));
    const open = this.token(ctx, 'LCurly');
    if (open) this.tokenRange(open);
    const body = this.visitAll<StageStatement>(ctx.stageStatement);
    const close = this.token(ctx, 'RCurly');
    const end = close ? this.tokenRange(close) : this.positions.range(this.cursor, this.cursor);
    return { type: 'Stage', name, body, range: this.span(start, end) };
  }

  stageStatement(ctx: Ctx): StageStatement | null {
    const child = this.node(ctx, 'evalBlock') ?? this.node(ctx, 'bindingOrSetting');
    return child ? (this.visit(child) as StageStatement | null) : null;
  }

  evalBlock(ctx: Ctx): EvalBlock | null {
    const keyword = this.token(ctx, 'Eval');
    if (!keyword) return null;
    const start = this.tokenRange(keyword);
    const every = this.token(ctx, 'Every');
    if (every) this.tokenRange(every);
    const interval = this.expressionOrError(this.node(ctx, 'expression'));
    const open = this.token(ctx, 'LCurly');
    if (open) this.tokenRange(open);
    const body = this.visitAll<Binding | ExpressionStatement>(ctx.evalStatement);
    const close = this.token(ctx, 'RCurly');
    const end = close ? this.tokenRange(close) : this.positions.range(this.cursor, this.cursor);
    return { type: 'Eval', every: interval, body, range: this.span(start, end) };
  }

  evalStatement(ctx: Ctx): Binding | ExpressionStatement | null {
    const binding = this.node(ctx, 'binding');
    if (binding) return this.visit(binding) as Binding | null;
    const node = this.node(ctx, 'expression');
    if (!node) return null;
    const expression = this.expressionOrError(node);
    return { type: 'ExpressionStatement', expression, range: expression.range };
  }

  binding(ctx: Ctx): Binding | null {
    const nameToken = this.token(ctx, 'Identifier');
    if (!nameToken) return null;
    const name = this.identifier(nameToken);
    const equals = this.token(ctx, 'Equals');
    if (equals) this.tokenRange(equals);
    const value = this.expressionOrError(this.node(ctx, 'expression'));
    return { type: 'Binding', name, value, range: this.span(name.range, value.range) };
  }

  // ---- expressions -----------------------------------------------------------------------

  expression(ctx: Ctx): Expression | null {
    return this.binaryChain(ctx, 'andExpression', 'Pipe');
  }

  andExpression(ctx: Ctx): Expression | null {
    return this.binaryChain(ctx, 'additiveExpression', 'Amp');
  }

  additiveExpression(ctx: Ctx): Expression | null {
    return this.binaryChain(ctx, 'multiplicativeExpression', 'AdditiveOperator');
  }

  multiplicativeExpression(ctx: Ctx): Expression | null {
    return this.binaryChain(ctx, 'unaryExpression', 'Star');
  }

  unaryExpression(ctx: Ctx): Expression | null {
    const postfix = this.node(ctx, 'postfixExpression');
    if (postfix) return this.visit(postfix) as Expression | null;
    const operator = this.token(ctx, 'Bang') ?? this.token(ctx, 'Minus');
    if (!operator) return null;
    const start = this.tokenRange(operator);
    const operand = this.expressionOrError(this.node(ctx, 'unaryExpression'));
    return { type: 'Unary', operator: operator.image as '!' | '-', operand, range: this.span(start, operand.range) };
  }

  postfixExpression(ctx: Ctx): Expression | null {
    const primary = this.node(ctx, 'primary');
    if (!primary) return null;
    let expression = this.expressionOrError(primary);
    for (const suffix of (ctx.suffix ?? []) as CstNode[]) {
      expression = this.visit(suffix, expression) as Expression;
    }
    return expression;
  }

  suffix(ctx: Ctx, object: Expression): Expression {
    const dot = this.token(ctx, 'Dot');
    if (dot) {
      this.tokenRange(dot);
      const nameNode = this.node(ctx, 'name');
      const member = (nameNode && (this.visit(nameNode) as Identifier | null)) || this.identifier(undefined);
      return { type: 'Member', object, member, range: this.span(object.range, member.range) };
    }
    const open = this.token(ctx, 'LParen');
    if (open) this.tokenRange(open);
    const argumentList = this.node(ctx, 'argumentList');
    const args = argumentList ? (this.visit(argumentList) as Argument[]) : [];
    const close = this.token(ctx, 'RParen');
    const end = close ? this.tokenRange(close) : this.positions.range(this.cursor, this.cursor);
    return { type: 'Call', callee: object, args, range: this.span(object.range, end) };
  }

  argumentList(ctx: Ctx): Argument[] {
    return this.visitAll<Argument>(ctx.argument);
  }

  argument(ctx: Ctx): Argument | null {
    const nameNode = this.node(ctx, 'name');
    const name = nameNode ? ((this.visit(nameNode) as Identifier | null) ?? undefined) : undefined;
    const colon = this.token(ctx, 'Colon');
    if (colon) this.tokenRange(colon);
    const valueNode = this.node(ctx, 'expression');
    if (!name && !valueNode) return null;
    const value = this.expressionOrError(valueNode);
    const range = name ? this.span(name.range, value.range) : value.range;
    return name ? { name, value, range } : { value, range };
  }

  name(ctx: Ctx): Identifier | null {
    const token = this.token(ctx, 'Identifier') ?? this.token(ctx, 'Keyword');
    return token ? this.identifier(token) : null;
  }

  primary(ctx: Ctx): Expression | null {
    const number = this.token(ctx, 'NumberLiteral');
    if (number)
      return { type: 'Number', value: Number(number.image), raw: number.image, range: this.tokenRange(number) };
    const quantity = this.token(ctx, 'Quantity');
    if (quantity) {
      const { digits, unit } = splitQuantity(quantity.image);
      return { type: 'Quantity', value: Number(digits), unit, raw: quantity.image, range: this.tokenRange(quantity) };
    }
    const string = this.token(ctx, 'StringLiteral');
    if (string) return this.stringLiteral(string);
    const bool = this.token(ctx, 'True') ?? this.token(ctx, 'False');
    if (bool) return { type: 'Bool', value: bool.image === 'true', range: this.tokenRange(bool) };
    const identifier = this.token(ctx, 'Identifier');
    if (identifier) return this.identifier(identifier);
    const list = this.node(ctx, 'list');
    if (list) return this.visit(list) as Expression | null;
    const tooDeep = this.token(ctx, 'TooDeepValue');
    if (tooDeep) return { type: 'Error', range: this.tokenRange(tooDeep) };
    const open = this.token(ctx, 'LParen');
    if (!open) return null;
    this.tokenRange(open);
    const inner = this.expressionOrError(this.node(ctx, 'expression'));
    const close = this.token(ctx, 'RParen');
    if (close) this.tokenRange(close);
    return inner;
  }

  list(ctx: Ctx): Expression | null {
    const open = this.token(ctx, 'LBracket');
    if (!open) return null;
    const start = this.tokenRange(open);
    const items = ((ctx.expression ?? []) as CstNode[]).map((item) => this.expressionOrError(item));
    const close = this.token(ctx, 'RBracket');
    const end = close ? this.tokenRange(close) : this.positions.range(this.cursor, this.cursor);
    return { type: 'List', items, range: this.span(start, end) };
  }
}

/** The one AST builder (it holds per-run state, reset by `build`). */
export const astBuilder = new AstBuilder();
