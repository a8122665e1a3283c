// Human messages for syntax errors, in place of Chevrotain's "Expecting token of type ...".
// Chevrotain builds a message when it raises an error, so the provider reads the token stream of
// the parse in progress (`setMessageTokens`) to name what is open: `expected "}" to close stage
// "sft" but found end of file`.
import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  As,
  Dot,
  Eval,
  Every,
  Identifier,
  LCurly,
  LParen,
  Newline,
  NumberLiteral,
  RBracket,
  RCurly,
  Recipe,
  RParen,
  Sous,
  Stage,
  StringLiteral,
  Use,
} from './lexer.js';

let tokens: IToken[] = [];
/** Each token's index in `tokens`: a damaged file has an error every few tokens. */
let indexes = new Map<IToken, number>();

/** Called by `parse` before each run: the tokens the parser is about to read. */
export function setMessageTokens(current: IToken[]): void {
  tokens = current;
  indexes = new Map(current.map((token, i) => [token, i]));
}

/** How a token reads in a message: `"}"`, `end of line`, `end of file`. */
export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'end of file';
  if (token.tokenType === Newline) return 'end of line';
  const image = token.image.length > 24 ? `${token.image.slice(0, 21)}...` : token.image;
  return JSON.stringify(image);
}

function indexOfToken(actual: IToken, previous: IToken | undefined): number {
  const at = indexes.get(actual);
  if (at !== undefined) return at;
  const before = previous ? indexes.get(previous) : undefined;
  return before !== undefined ? before + 1 : tokens.length;
}

/** The innermost unclosed opener (of `open`, bounded by `close`) before `index`, or -1. */
function unclosedBefore(index: number, open: TokenType, close: TokenType, stopAt: TokenType[] = []): number {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const type = tokens[i].tokenType;
    if (stopAt.includes(type)) return -1;
    if (type === close) depth++;
    else if (type === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `stage "sft"`, `the eval block`, or `the block`: what the `{` at `index` opens. */
function describeBlock(brace: number): string {
  if (brace >= 2 && tokens[brace - 2].tokenType === Stage && tokens[brace - 1].tokenType === Identifier) {
    return `stage "${tokens[brace - 1].image}"`;
  }
  for (let i = brace - 1; i >= 0 && tokens[i].tokenType !== Newline; i--) {
    if (tokens[i].tokenType === Eval) return 'the eval block';
  }
  return 'the block';
}

/** `the call to "objectives.nll"` or `the parenthesis` for the `(` at `paren`. */
function describeParen(paren: number): string {
  let start = paren;
  while (start > 0 && (tokens[start - 1].tokenType === Identifier || tokens[start - 1].tokenType === Dot)) start--;
  const callee = tokens
    .slice(start, paren)
    .map((t) => t.image)
    .join('');
  return callee ? `the call to "${callee}"` : 'the parenthesis';
}

function closerContext(expected: TokenType, index: number): string {
  if (expected === RCurly) {
    const brace = unclosedBefore(index, LCurly, RCurly);
    return brace >= 0 ? ` to close ${describeBlock(brace)}` : '';
  }
  if (expected === RParen) {
    const paren = unclosedBefore(index, LParen, RParen, [LCurly, RCurly]);
    return paren >= 0 ? ` to close ${describeParen(paren)}` : '';
  }
  if (expected === RBracket) return ' to close the list';
  return '';
}

const EXPRESSION_RULES = new Set([
  'expression',
  'andExpression',
  'additiveExpression',
  'multiplicativeExpression',
  'unaryExpression',
  'postfixExpression',
  'primary',
  'argument',
  'argumentList',
  'bindingOrSetting',
  'binding',
]);

/** True when the token at `index` starts a line (or the file, or a block). */
function atLineStart(index: number): boolean {
  const previous = tokens[index - 1];
  return !previous || previous.tokenType === Newline || previous.tokenType === LCurly;
}

/** Only top-level statements: `sous`, `recipe`, `use`, `stage`. */
const TOP_LEVEL_ONLY = new Set<TokenType>([Sous, Recipe, Use, Stage]);

/** For an error at the start of a line: a statement that is not allowed where it stands. */
function misplacedStatement(actual: IToken, index: number, ruleName: string): string | undefined {
  if (!atLineStart(index) || actual.tokenType === EOF || actual.tokenType === RCurly) return undefined;
  const inBlock = unclosedBefore(index, LCurly, RCurly) >= 0;
  const found = describeToken(actual);
  if (actual.tokenType === Eval && !inBlock)
    return `"eval" blocks belong inside a stage: move it into a "stage name { ... }" block`;
  if (TOP_LEVEL_ONLY.has(actual.tokenType) && inBlock)
    return `${found} belongs at the top level of the file, not inside a block`;
  if (actual.tokenType === Eval) return '"eval" blocks cannot be nested';
  return inBlock && ruleName !== 'recipeFile'
    ? `expected a stage statement (a binding "name = value", a setting "name value" or "eval every N { ... }") but found ${found}`
    : `expected a statement (sous, recipe, use, stage, a binding "name = value" or a setting "name value") but found ${found}`;
}

/** The message for a closing bracket that closes nothing. */
function strayCloser(actual: IToken): string | undefined {
  if (tokenMatcher(actual, RCurly)) return 'unexpected "}": no block is open here';
  if (tokenMatcher(actual, RParen) || tokenMatcher(actual, RBracket))
    return `unexpected ${describeToken(actual)}: nothing is open here`;
  return undefined;
}

function mismatch(expected: TokenType, actual: IToken, previous: IToken | undefined, ruleName: string): string {
  const found = describeToken(actual);
  const index = indexOfToken(actual, previous);
  if (expected === Newline || expected === EOF || expected === RCurly) {
    const misplaced = misplacedStatement(actual, index, ruleName);
    if (misplaced) return misplaced;
    if (expected !== RCurly) {
      const stray = strayCloser(actual);
      if (stray) return stray;
    }
    if (expected !== RCurly || (!atLineStart(index) && actual.tokenType !== EOF)) {
      return `expected a new line before ${found}: write one statement per line`;
    }
  }
  if (expected === RCurly || expected === RParen || expected === RBracket) {
    return `expected ${expected.LABEL}${closerContext(expected, index)} but found ${found}`;
  }
  if (expected === LCurly) {
    const what = ruleName === 'stageBlock' ? 'the stage body' : 'the eval block';
    return `expected "{" to open ${what} but found ${found}`;
  }
  if (expected === Identifier && ruleName === 'stageBlock')
    return `expected a stage name after "stage" but found ${found}`;
  if (expected === Identifier && ruleName === 'useStatement')
    return `expected an alias name after "as" but found ${found}`;
  if (expected === StringLiteral && ruleName === 'recipeName') {
    return `expected the recipe name as a string after "recipe" (like recipe "sft-arithmetic") but found ${found}`;
  }
  if (expected === StringLiteral && ruleName === 'useStatement') {
    return `expected a package name string after "use" (like use "@sous/tasks") but found ${found}`;
  }
  if (expected === NumberLiteral) return `expected the language version after "sous" (like sous 1) but found ${found}`;
  if (expected === Every) return `expected "every" after "eval" (like eval every 50 { ... }) but found ${found}`;
  if (expected === As || expected === Use || expected === Recipe)
    return `expected ${expected.LABEL} but found ${found}`;
  return `expected ${expected.LABEL ?? expected.name} but found ${found}`;
}

function noViableAlternative(actual: IToken, previous: IToken | undefined, ruleName: string): string {
  const found = describeToken(actual);
  if (ruleName === 'topStatement') {
    return `expected a statement (sous, recipe, use, stage, a binding "name = value" or a setting "name value") but found ${found}`;
  }
  if (ruleName === 'stageStatement') {
    return `expected a stage statement (a binding "name = value", a setting "name value" or "eval every N { ... }") but found ${found}`;
  }
  if (ruleName === 'evalStatement') return `expected a binding or an expression in the eval block but found ${found}`;
  if (ruleName === 'name') return `expected a name after "." but found ${found}`;
  const after =
    previous && previous.tokenType !== EOF && !Number.isNaN(previous.startOffset)
      ? ` after ${describeToken(previous)}`
      : '';
  if (EXPRESSION_RULES.has(ruleName)) return `expected a value${after} but found ${found}`;
  return `unexpected ${found}`;
}

/** Chevrotain's message hooks, all mapped to the functions above. */
export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    mismatch(expected, actual, previous, ruleName),
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    strayCloser(firstRedundant) ??
    `expected a new line before ${describeToken(firstRedundant)}: write one statement per line`,
  buildNoViableAltMessage: ({ actual, previous, ruleName }) => noViableAlternative(actual[0], previous, ruleName),
  buildEarlyExitMessage: ({ actual, previous, ruleName }) => noViableAlternative(actual[0], previous, ruleName),
};
