// Nesting limits (R0106). The parser, the AST builder, the checker, the formatter, the compiler
// and the language server all walk expressions recursively, so an expression nested thousands of
// levels deep would overflow the call stack. Two limits, both far below where that happens:
//   - MAX_NESTING levels of brackets and prefix operators, counted on the token stream before the
//     parser (which recurses once per bracket) sees it: `((x))`, `[[x]]`, `f(g(x))` and `!-x` are
//     two levels deep at `x`;
//   - MAX_EXPRESSION_DEPTH levels of the expression tree, counted on the AST after it is built
//     (the parser reads chains in loops, so they are safe until then): each operator of a chain
//     such as `a + b + c`, each `.member`, call, list and prefix operator adds a level.
// A statement whose value breaks a limit gets one R0106 and keeps its name, with an Error in
// place of the value, so the rest of the recipe is still checked as usual.
import { tokenMatcher, type IToken } from 'chevrotain';
import type { Binding, EvalBlock, Expression, ExpressionStatement, Range, RecipeFile, Setting } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import {
  Bang, BinaryOperator, Colon, Comma, Dot, Equals, Eval, Every, False, Identifier, Keyword, LBracket, LCurly, LParen,
  Minus, Newline, NumberLiteral, Quantity, RBracket, RCurly, RParen, StringLiteral, TooDeepValue, True, tokenEnd,
} from './lexer.js';
import type { PositionMap } from './positions.js';

export const MAX_NESTING = 64;
export const MAX_EXPRESSION_DEPTH = 256;

const CODE = 'R0106';

function tooDeep(file: string, range: Range, message: string): Diagnostic {
  return { code: CODE, severity: 'error', message, file, range };
}

// ---- brackets and prefix operators, on tokens --------------------------------------------

/** Tokens after which a `-` subtracts (it ends an operand); after anything else `-` negates. */
function endsOperand(token: IToken | undefined, before: IToken | undefined): boolean {
  if (!token) return false;
  const type = token.tokenType;
  if (type === Identifier || type === NumberLiteral || type === True || type === False || type === RParen || type === RBracket) return true;
  if (tokenMatcher(token, Quantity) || tokenMatcher(token, StringLiteral)) return true;
  return tokenMatcher(token, Keyword) && before?.tokenType === Dot; // `task.eval`
}

/** Index of the first token of the value of the statement starting at `start`: after `name =`
 * and `eval every`, after a setting's name, else the statement itself (an eval block's
 * expression, or text that is no statement at all, which the parser then reports). */
function valueStart(tokens: IToken[], start: number, inEvalBody: boolean): number {
  const first = tokens[start].tokenType;
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

/** The folded token stream with every statement value nested deeper than MAX_NESTING replaced
 * by one TooDeepValue token, and an R0106 for each at the first token past the limit. Linear
 * time: the nesting is kept as a count, never recomputed. */
export function limitNesting(tokens: IToken[], positions: PositionMap, file: string, diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  const evalBodies: boolean[] = []; // one per open `{`: is it an eval block's body?
  let statement = 0; // index in `tokens` of the current statement's first token
  let statementOut = 0; // and in `out`
  let pendingPrefixes = [0]; // per open bracket (and the statement itself): prefix operators not yet ended
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
      pendingPrefixes = [0];
      nesting = 0;
      continue;
    }
    if (type === LParen || type === LBracket) {
      pendingPrefixes.push(0);
      nesting++;
    } else if (type === RParen || type === RBracket) {
      if (pendingPrefixes.length > 1) nesting -= 1 + pendingPrefixes.pop()!;
    } else if (type === Bang || (type === Minus && !endsOperand(tokens[i - 1], tokens[i - 2]))) {
      pendingPrefixes[pendingPrefixes.length - 1]++;
      nesting++;
    } else if (tokenMatcher(token, BinaryOperator) || type === Comma || type === Colon) {
      // The operand of the pending prefix operators has ended.
      nesting -= pendingPrefixes[pendingPrefixes.length - 1];
      pendingPrefixes[pendingPrefixes.length - 1] = 0;
    }
    if (nesting <= MAX_NESTING) continue;

    diagnostics.push(tooDeep(file, positions.range(token.startOffset, tokenEnd(token)),
      `this expression nests more than ${MAX_NESTING} levels of brackets and prefix operators; bind inner parts to names (part = ..., then use part)`));
    const from = Math.min(i, valueStart(tokens, statement, evalBodies.at(-1) ?? false));
    let to = i + 1;
    while (to < tokens.length && !ENDS_STATEMENT.has(tokens[to].tokenType)) to++;
    out.length = statementOut + (from - statement);
    out.push(tooDeepValue(tokens, from, to, positions.source));
    i = to - 1;
    pendingPrefixes = [0];
    nesting = 0;
  }
  return out;
}

// ---- the expression tree, on the AST -----------------------------------------------------

function children(expr: Expression): Expression[] {
  switch (expr.type) {
    case 'List': return expr.items;
    case 'Member': return [expr.object];
    case 'Call': return [expr.callee, ...expr.args.map((arg) => arg.value)];
    case 'Binary': return [expr.left, expr.right];
    case 'Unary': return [expr.operand];
    default: return [];
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
  if (node.type === 'Eval') return { value: node.every, replace: (value) => { node.every = value; } };
  if (node.type === 'ExpressionStatement') return { value: node.expression, replace: (value) => { node.expression = value; } };
  return { value: node.value, replace: (value) => { node.value = value; } };
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

/** Replaces every statement value deeper than MAX_EXPRESSION_DEPTH by an Error (so no later
 * recursive walk meets it) and reports R0106 where its too-deep part starts. */
export function limitExpressionDepth(ast: RecipeFile, diagnostics: Diagnostic[]): void {
  for (const { value, replace } of valueSlots(ast)) {
    const deep = firstTooDeep(value);
    if (!deep) continue;
    diagnostics.push(tooDeep(ast.file, firstLeaf(deep).range,
      `this expression is more than ${MAX_EXPRESSION_DEPTH} levels deep (each operator of a chain like a + b + c, each .member, call, list and prefix operator adds a level); bind parts to names (part = ..., then use part)`));
    replace({ type: 'Error', range: value.range });
  }
}
