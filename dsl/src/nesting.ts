// Nesting limits (R0106). The parser, the AST builder, the checker, the formatter, the compiler
// and the language server all walk expressions recursively, so an expression nested thousands of
// levels deep would overflow the call stack. Two limits, both far below where that happens:
//   - MAX_NESTING levels of brackets and prefix operators, counted on the token stream before the
//     parser (which recurses once per bracket) sees it: `((x))`, `[[x]]`, `f(g(x))` and `!-x` are
//     two levels deep at `x`;
//   - MAX_EXPRESSION_DEPTH levels of the expression tree, counted on the AST after it is built
//     (the parser reads chains in loops, so they are safe until then): each operator of a chain
//     such as `a + b + c`, each `.member`, call, list and prefix operator adds a level. A chain
//     of more links than that (operators of one precedence, or suffixes) is already cut on the
//     tokens, so that a generated 100,000-term chain costs no parsing.
// A statement whose value breaks a limit gets one R0106 and keeps its name, with an Error in
// place of the value, so the rest of the recipe is still checked as usual.
import { tokenMatcher, type IToken } from 'chevrotain';
import type { Binding, EvalBlock, Expression, ExpressionStatement, Range, RecipeFile, Setting } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import {
  Amp,
  Bang,
  BinaryOperator,
  Colon,
  Comma,
  Dot,
  Equals,
  Eval,
  Every,
  False,
  Identifier,
  Keyword,
  LBracket,
  LCurly,
  LParen,
  Minus,
  Newline,
  Pipe,
  Plus,
  Star,
  NumberLiteral,
  Quantity,
  RBracket,
  RCurly,
  RParen,
  StringLiteral,
  TooDeepValue,
  True,
  tokenEnd,
} from './lexer.js';
import type { PositionMap } from './positions.js';

export const MAX_NESTING = 64;
export const MAX_EXPRESSION_DEPTH = 256;

const CODE = 'R0106';

function tooDeepDiagnostic(file: string, range: Range, message: string): Diagnostic {
  return { code: CODE, severity: 'error', message, file, range };
}

// ---- brackets and prefix operators, on tokens --------------------------------------------

/** Tokens after which a `-` subtracts (it ends an operand); after anything else `-` negates. */
function endsOperand(token: IToken | undefined, before: IToken | undefined): boolean {
  if (!token) return false;
  const type = token.tokenType;
  if (
    type === Identifier ||
    type === NumberLiteral ||
    type === True ||
    type === False ||
    type === RParen ||
    type === RBracket
  )
    return true;
  if (tokenMatcher(token, Quantity) || tokenMatcher(token, StringLiteral)) return true;
  return tokenMatcher(token, Keyword) && before?.tokenType === Dot; // `task.eval`
}

/** Index of the first token of the value of the statement starting at `start`: after `name =`
 * and `eval every`, after a setting's name, else the statement itself (an eval block's
 * expression, or text that is no statement at all, which the parser then reports). */
function valueStart(tokens: IToken[], start: number, inEvalBody: boolean): number {
  const first = tokens[start]?.tokenType;
  const second = tokens[start + 1]?.tokenType;
  if (first === Identifier && second === Equals) return start + 2;
  if (first === Eval && second === Every) return start + 2;
  if (first === Identifier && !inEvalBody) return start + 1;
  return start;
}

/** One token standing for the value `tokens[from..to)`, which the parser must not read. */
function tooDeepValue(tokens: IToken[], from: number, to: number, source: string): IToken {
  const first = tokens[from];
  const last = tokens[to - 1];
  return {
    ...first,
    image: source.slice(first.startOffset, tokenEnd(last)),
    endOffset: last.endOffset,
    endLine: last.endLine,
    endColumn: last.endColumn,
    tokenType: TooDeepValue,
    tokenTypeIdx: TooDeepValue.tokenTypeIdx!,
  };
}

const ENDS_STATEMENT = new Set([Newline, LCurly, RCurly]);

/** Binary operators by precedence, lowest first (as parser.ts nests its rules). */
const PRECEDENCE = new Map([
  [Pipe, 0],
  [Amp, 1],
  [Plus, 2],
  [Minus, 2],
  [Star, 3],
]);

/** What is open inside one pair of brackets (or the statement itself). */
class Frame {
  /** Prefix operators whose operand has not ended. */
  prefixes = 0;
  /** Per precedence level: operators in the current chain, and the index of its first token. */
  readonly links = [0, 0, 0, 0];
  readonly chainStarts: number[];
  /** `.member` and call suffixes on the current operand, and the index of its first token. */
  suffixes = 0;
  operandStart: number;

  constructor(start: number) {
    this.chainStarts = [start, start, start, start];
    this.operandStart = start;
  }

  /** A `,` or `:` at `index` starts a new value. */
  restart(index: number): void {
    this.links.fill(0);
    this.chainStarts.fill(index + 1);
    this.suffixes = 0;
    this.operandStart = index + 1;
  }

  /** The binary operator at `index`, of precedence `level`, ends the chains of higher precedence. */
  link(level: number, index: number): number {
    for (let higher = level + 1; higher < this.links.length; higher++) {
      this.links[higher] = 0;
      this.chainStarts[higher] = index + 1;
    }
    this.suffixes = 0;
    this.operandStart = index + 1;
    return ++this.links[level];
  }
}

/** Index of the first leaf of the expression starting at `start` (past brackets and prefix
 * operators), where the tree-depth R0106 of nesting.ts points too. */
function firstLeafToken(tokens: IToken[], start: number): number {
  let i = start;
  while (
    i < tokens.length - 1 &&
    (tokens[i].tokenType === LParen ||
      tokens[i].tokenType === LBracket ||
      tokens[i].tokenType === Bang ||
      tokens[i].tokenType === Minus)
  )
    i++;
  return i;
}

/** The folded token stream with every statement value nested deeper than MAX_NESTING, or
 * holding a chain of more than MAX_EXPRESSION_DEPTH operators of one precedence or of suffixes
 * (`.member`, calls), replaced by one TooDeepValue token, with an R0106 for each. The chains are
 * cut here because the parser and the AST builder take time and memory for each link; a chain
 * that long is always deeper than the tree limit, so the R0106 is the one the AST check would
 * give, at the chain's first operand. Linear time: the counts are kept, never recomputed. */
export function limitNesting(
  tokens: IToken[],
  positions: PositionMap,
  file: string,
  diagnostics: Diagnostic[],
): IToken[] {
  const out: IToken[] = [];
  const evalBodies: boolean[] = []; // one per open `{`: is it an eval block's body?
  let statement = 0; // index in `tokens` of the current statement's first token
  let statementOut = 0; // and in `out`
  let frames = [new Frame(valueStart(tokens, 0, false))]; // per open bracket, and the statement's value
  let nesting = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const type = token.tokenType;
    out.push(token);
    if (ENDS_STATEMENT.has(type)) {
      if (type === LCurly) evalBodies.push(tokens[statement]?.tokenType === Eval);
      else if (type === RCurly) evalBodies.pop();
      statement = i + 1;
      statementOut = out.length;
      frames = [new Frame(valueStart(tokens, statement, evalBodies.at(-1) ?? false))];
      nesting = 0;
      continue;
    }
    const frame = frames[frames.length - 1];
    let tooDeep: Diagnostic | undefined;
    if (type === LParen || type === LBracket) {
      if (type === LParen && endsOperand(tokens[i - 1], tokens[i - 2])) frame.suffixes++; // a call
      frames.push(new Frame(i + 1));
      nesting++;
    } else if (type === RParen || type === RBracket) {
      if (frames.length > 1) nesting -= 1 + frames.pop()!.prefixes;
    } else if (type === Dot) {
      frame.suffixes++;
    } else if (type === Bang || (type === Minus && !endsOperand(tokens[i - 1], tokens[i - 2]))) {
      frame.prefixes++;
      frame.operandStart = i + 1;
      nesting++;
    } else if (tokenMatcher(token, BinaryOperator) || type === Comma || type === Colon) {
      // The operand of the pending prefix operators has ended.
      nesting -= frame.prefixes;
      frame.prefixes = 0;
      if (type === Comma || type === Colon) frame.restart(i);
      else {
        const level = PRECEDENCE.get(type)!;
        if (frame.link(level, i) > MAX_EXPRESSION_DEPTH)
          tooDeep = treeTooDeep(file, tokenRange(tokens[firstLeafToken(tokens, frame.chainStarts[level])], positions));
      }
    }
    if (frame.suffixes > MAX_EXPRESSION_DEPTH)
      tooDeep = treeTooDeep(file, tokenRange(tokens[firstLeafToken(tokens, frame.operandStart)], positions));
    if (nesting > MAX_NESTING) {
      tooDeep = tooDeepDiagnostic(
        file,
        tokenRange(token, positions),
        `this expression nests more than ${MAX_NESTING} levels of brackets and prefix operators; bind inner parts to names (part = ..., then use part)`,
      );
    }
    if (!tooDeep) continue;

    diagnostics.push(tooDeep);
    const from = Math.min(i, valueStart(tokens, statement, evalBodies.at(-1) ?? false));
    let to = i + 1;
    while (to < tokens.length && !ENDS_STATEMENT.has(tokens[to].tokenType)) to++;
    out.length = statementOut + (from - statement);
    out.push(tooDeepValue(tokens, from, to, positions.source));
    i = to - 1;
    nesting = 0;
  }
  return out;
}

function tokenRange(token: IToken, positions: PositionMap): Range {
  return positions.range(token.startOffset, tokenEnd(token));
}

// ---- the expression tree, on the AST -----------------------------------------------------

function children(expr: Expression): Expression[] {
  switch (expr.type) {
    case 'List':
      return expr.items;
    case 'Member':
      return [expr.object];
    case 'Call':
      return [expr.callee, ...expr.args.map((arg) => arg.value)];
    case 'Binary':
      return [expr.left, expr.right];
    case 'Unary':
      return [expr.operand];
    default:
      return [];
  }
}

/** The first node (in source order) deeper than MAX_EXPRESSION_DEPTH, without recursion. */
function firstTooDeep(root: Expression): Expression | undefined {
  const stack: Array<[Expression, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [expr, depth] = stack.pop()!;
    if (depth > MAX_EXPRESSION_DEPTH) return expr;
    const inner = children(expr);
    for (let i = inner.length - 1; i >= 0; i--) stack.push([inner[i], depth + 1]);
  }
  return undefined;
}

/** Where a node's text starts: its first leaf (a chain's first operand). */
function firstLeaf(expr: Expression): Expression {
  let leaf = expr;
  for (let inner = children(leaf); inner.length > 0; inner = children(leaf)) leaf = inner[0];
  return leaf;
}

/** A statement's value and how to replace it. */
interface ValueSlot {
  value: Expression;
  replace(value: Expression): void;
}

function slot(node: Binding | Setting | ExpressionStatement | EvalBlock): ValueSlot {
  if (node.type === 'Eval')
    return {
      value: node.every,
      replace: (value) => {
        node.every = value;
      },
    };
  if (node.type === 'ExpressionStatement')
    return {
      value: node.expression,
      replace: (value) => {
        node.expression = value;
      },
    };
  return {
    value: node.value,
    replace: (value) => {
      node.value = value;
    },
  };
}

function* valueSlots(ast: RecipeFile): Generator<ValueSlot> {
  for (const statement of ast.statements) {
    if (statement.type === 'Binding' || statement.type === 'Setting') yield slot(statement);
    if (statement.type !== 'Stage') continue;
    for (const inner of statement.body) {
      yield slot(inner);
      if (inner.type === 'Eval') for (const item of inner.body) yield slot(item);
    }
  }
}

function treeTooDeep(file: string, range: Range): Diagnostic {
  return tooDeepDiagnostic(
    file,
    range,
    `this expression is more than ${MAX_EXPRESSION_DEPTH} levels deep (each operator of a chain like a + b + c, each .member, call, list and prefix operator adds a level); bind parts to names (part = ..., then use part)`,
  );
}

/** Replaces every statement value deeper than MAX_EXPRESSION_DEPTH by an Error (so no later
 * recursive walk meets it) and reports R0106 where its too-deep part starts. */
export function limitExpressionDepth(ast: RecipeFile, diagnostics: Diagnostic[]): void {
  for (const { value, replace } of valueSlots(ast)) {
    const deep = firstTooDeep(value);
    if (!deep) continue;
    diagnostics.push(treeTooDeep(ast.file, firstLeaf(deep).range));
    replace({ type: 'Error', range: value.range });
  }
}
