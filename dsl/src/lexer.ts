// The recipe lexer: Chevrotain token definitions, one shared lexer instance, and the newline
// folding pass that turns raw tokens into the statement stream the parser reads.
//
// Newlines. A recipe is one statement per line, so a line break is a token (`Newline`) that the
// parser uses as the statement separator. After lexing, `foldNewlines` drops the breaks that do
// not end a statement:
//   - inside `( ... )` and `[ ... ]` (multi-line calls and lists);
//   - before a line whose first token is a binary operator `+ - * & |` (the line continues the
//     previous expression: `loss = a` / `+ 0.04 * b`). A trailing operator does NOT continue the
//     line (`x = a +` then a new line is an error), so a forgotten operand never swallows the
//     next statement;
//   - runs of breaks (blank lines, comment-only lines) collapse into one, and leading breaks go.
// Braces never occur inside expressions, so `{` and `}` reset the bracket depth, and so does a
// line that starts like a statement (`name =`, `stage`, `use`, `recipe`, `sous`, `eval`): an
// unclosed `(` then costs one error instead of swallowing the rest of the file.
import { createToken, Lexer, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Dimension } from './registry.js';

// ---- tokens ------------------------------------------------------------------------------

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

/** Abstract category of every keyword (the TextMate grammar and semantic tokens read it). */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** Keywords kept for constructs of a later language version: a clear error for now. */
export const ReservedKeyword = createToken({ name: 'ReservedKeyword', pattern: Lexer.NA, categories: [Keyword] });

function keyword(word: string, categories: TokenType[] = [Keyword]): TokenType {
  const name = word[0].toUpperCase() + word.slice(1);
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories, label: `"${word}"` });
}

export const Sous = keyword('sous');
export const Recipe = keyword('recipe');
export const Use = keyword('use');
export const As = keyword('as');
export const Stage = keyword('stage');
export const Eval = keyword('eval');
export const Every = keyword('every');
export const True = keyword('true');
export const False = keyword('false');
export const Population = keyword('population', [ReservedKeyword]);
export const Sweep = keyword('sweep', [ReservedKeyword]);
export const Feedback = keyword('feedback', [ReservedKeyword]);

/** Every keyword of the language, reserved ones included. */
export const KEYWORDS = [
  'sous',
  'recipe',
  'use',
  'as',
  'stage',
  'eval',
  'every',
  'true',
  'false',
  'population',
  'sweep',
  'feedback',
] as const;
/** Keywords that lex but are not supported yet (parsing one gives R0103). */
export const RESERVED_KEYWORDS = ['population', 'sweep', 'feedback'] as const;

/** The closed set of units a number may carry (`500steps`, `30s`, `2GiB`, `10%`). */
export const UNITS: Readonly<Record<string, Dimension>> = {
  steps: 'count',
  epochs: 'count',
  tokens: 'count',
  s: 'time',
  min: 'time',
  h: 'time',
  KiB: 'memory',
  MiB: 'memory',
  GiB: 'memory',
  '%': 'percent',
};

const NUMBER = String.raw`[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`;
// Longest unit names first so that `30steps` is not read as `30s` + `teps`.
const UNIT_ALTERNATION = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const DIGITS = '0123456789'.split('');
const QUANTITY_PARTS = new RegExp(`^(${NUMBER})(.*)$`);

/** `500steps` -> { digits: '500', unit: 'steps' } (for Quantity and UnknownUnitQuantity images). */
export function splitQuantity(image: string): { digits: string; unit: string } {
  const [, digits, unit] = QUANTITY_PARTS.exec(image) ?? ['', image, ''];
  return { digits, unit };
}

/** A number with a unit; `UnknownUnitQuantity` shares its category so the parser reads both. */
export const Quantity = createToken({
  name: 'Quantity',
  pattern: new RegExp(`${NUMBER}(?:${UNIT_ALTERNATION})(?![A-Za-z0-9_])`),
  start_chars_hint: DIGITS,
  label: 'a quantity',
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: new RegExp(`${NUMBER}(?![A-Za-z0-9_])`),
  start_chars_hint: DIGITS,
  label: 'a number',
});
/** `30x`: a number glued to a name that is not a unit (reported as R0104, parsed as a quantity). */
export const UnknownUnitQuantity = createToken({
  name: 'UnknownUnitQuantity',
  pattern: new RegExp(`${NUMBER}[A-Za-z_][A-Za-z0-9_]*`),
  start_chars_hint: DIGITS,
  categories: [Quantity],
  label: 'a quantity',
});

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: 'a string',
});
/** A string that reaches the end of its line (reported as R0102, parsed as a string). */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  categories: [StringLiteral],
  label: 'a string',
});

export const LCurly = createToken({ name: 'LCurly', pattern: /{/, label: '"{"' });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/, label: '"}"' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '"("' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '")"' });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '"["' });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, label: '"]"' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '","' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '":"' });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: '"."' });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: '"="' });
export const Bang = createToken({ name: 'Bang', pattern: /!/, label: '"!"' });

/** Operators that may start a continuation line (see `foldNewlines`). */
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA });
/** `+` and `-`: one category so the CST keeps a precedence level's operators in source order. */
export const AdditiveOperator = createToken({ name: 'AdditiveOperator', pattern: Lexer.NA });
export const Plus = createToken({
  name: 'Plus',
  pattern: /\+/,
  categories: [BinaryOperator, AdditiveOperator],
  label: '"+"',
});
export const Minus = createToken({
  name: 'Minus',
  pattern: /-/,
  categories: [BinaryOperator, AdditiveOperator],
  label: '"-"',
});
export const Star = createToken({ name: 'Star', pattern: /\*/, categories: [BinaryOperator], label: '"*"' });
export const Amp = createToken({ name: 'Amp', pattern: /&/, categories: [BinaryOperator], label: '"&"' });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, categories: [BinaryOperator], label: '"|"' });

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true, label: 'end of line' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\uFEFF]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: 'comments' });
/** Never lexed: stands for a statement value nested past the limit (nesting.ts puts it in place
 * of the value's tokens, so the parser never recurses into them). */
export const TooDeepValue = createToken({ name: 'TooDeepValue', pattern: Lexer.NA, label: 'a value' });

/** Lexing order: the first matching pattern wins, so keywords precede names and quantities
 * precede plain numbers. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Newline,
  Comment,
  Keyword,
  ReservedKeyword,
  BinaryOperator,
  AdditiveOperator,
  Sous,
  Recipe,
  Use,
  As,
  Stage,
  Eval,
  Every,
  True,
  False,
  Population,
  Sweep,
  Feedback,
  Identifier,
  Quantity,
  NumberLiteral,
  UnknownUnitQuantity,
  StringLiteral,
  UnterminatedString,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Dot,
  Equals,
  Bang,
  Plus,
  Minus,
  Star,
  Amp,
  Pipe,
  TooDeepValue,
];

/** The one lexer instance (tokenize is pure, so it is shared). `ensureOptimizations` makes
 * Chevrotain fail loudly if a pattern would push it onto its slow path. */
export const recipeLexer = new Lexer(ALL_TOKENS, { ensureOptimizations: true, positionTracking: 'full' });

/** Offset just after the token (Chevrotain's `endOffset` is inclusive and optional). */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

// ---- newline folding ---------------------------------------------------------------------

const STATEMENT_KEYWORDS = new Set<TokenType>([Stage, Use, Recipe, Sous, Eval]);

function startsStatement(next: IToken | undefined, afterNext: IToken | undefined): boolean {
  if (!next) return false;
  if (STATEMENT_KEYWORDS.has(next.tokenType)) return true;
  return next.tokenType === Identifier && afterNext?.tokenType === Equals;
}

/** Drops the newlines that do not end a statement (rules in the header comment). */
export function foldNewlines(tokens: IToken[]): IToken[] {
  const out: IToken[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const type = token.tokenType;
    if (type === Newline) {
      let j = i + 1;
      while (j < tokens.length && tokens[j].tokenType === Newline) j++;
      const next = tokens[j];
      if (startsStatement(next, tokens[j + 1])) depth = 0;
      const continues = next !== undefined && tokenMatcher(next, BinaryOperator);
      if (depth === 0 && !continues && out.length > 0) out.push(token);
      i = j - 1;
      continue;
    }
    if (type === LParen || type === LBracket) depth++;
    else if (type === RParen || type === RBracket) depth = Math.max(0, depth - 1);
    else if (type === LCurly || type === RCurly) depth = 0;
    out.push(token);
  }
  return out;
}
