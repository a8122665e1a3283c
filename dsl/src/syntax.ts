// The syntax front end: `parse` (source -> AST + syntax diagnostics, never throws) and `lex`
// (classified tokens for editors). Codes it emits:
//   R0100 unexpected token (the parser's errors, one per recovery point)
//   R0101 unknown character
//   R0102 unterminated string
//   R0103 reserved keyword (`population`, `sweep`, `feedback`) not supported yet
//   R0104 unknown unit on a number (`30x`)
//   R0105 unknown escape in a string (`"\q"`)
//   R0106 expression nested too deeply (nesting.ts)
import { EOF, tokenMatcher, type ILexingError, type IRecognitionException, type IToken } from 'chevrotain';
import type { Comment, Range, RecipeFile } from './ast.js';
import { astBuilder } from './cst-to-ast.js';
import type { Diagnostic } from './diagnostic.js';
import {
  BinaryOperator, Colon, Dot, Identifier, Keyword, LCurly, Newline, NumberLiteral, Quantity, RCurly,
  recipeLexer, ReservedKeyword, StringLiteral, TooDeepValue, UnknownUnitQuantity, UNITS, UnterminatedString, foldNewlines, splitQuantity,
  tokenEnd,
} from './lexer.js';
import { limitExpressionDepth, limitNesting } from './nesting.js';
import { recipeParser } from './parser.js';
import { PositionMap } from './positions.js';
import { setMessageTokens } from './syntax-messages.js';

export interface ParseResult {
  ast: RecipeFile;
  diagnostics: Diagnostic[];
}

function error(code: string, message: string, file: string, range: Range): Diagnostic {
  return { code, severity: 'error', message, file, range };
}

function lexerError(e: ILexingError, source: string, positions: PositionMap, file: string): Diagnostic {
  const text = source.slice(e.offset, e.offset + e.length);
  // A run of binary garbage can be megabytes long: quote only its start.
  const quoted = JSON.stringify(text.length > 20 ? text.slice(0, 20) : text) + (text.length > 20 ? `... (${text.length} characters)` : '');
  const what = [...text].length === 1 ? `unknown character ${quoted}` : `unknown characters ${quoted}`;
  return error('R0101', `${what}: recipes use names, numbers, "strings", # comments and = ( ) [ ] { } , : . + - * & | !`, file, positions.range(e.offset, e.offset + e.length));
}

/** Tokens the parser cannot read as written get a diagnostic here; reserved keywords are
 * removed (at a statement start, with their whole statement) or read as names elsewhere. */
function screenTokens(tokens: IToken[], positions: PositionMap, file: string, diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  const tokenRange = (t: IToken) => positions.range(t.startOffset, tokenEnd(t));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(error('R0102', 'unterminated string: add the closing " on the same line', file, tokenRange(token)));
    } else if (token.tokenType === UnknownUnitQuantity) {
      const { unit } = splitQuantity(token.image);
      diagnostics.push(error('R0104', `unknown unit "${unit}" in ${token.image}: the units are ${Object.keys(UNITS).join(', ')}`, file, tokenRange(token)));
    } else if (tokenMatcher(token, ReservedKeyword)) {
      const previous = tokens[i - 1];
      const usedAsName = previous?.tokenType === Dot || tokens[i + 1]?.tokenType === Colon;
      if (usedAsName) {
        out.push(token);
        continue;
      }
      diagnostics.push(error('R0103', `"${token.image}" is reserved for a later version of the language and not supported yet`, file, tokenRange(token)));
      const atStatementStart = !previous || previous.tokenType === Newline || previous.tokenType === LCurly;
      if (atStatementStart) {
        i = endOfStatement(tokens, i) - 1;
      } else {
        out.push({ ...token, tokenType: Identifier, tokenTypeIdx: Identifier.tokenTypeIdx! });
      }
      continue;
    }
    out.push(token);
  }
  return out;
}

/** Index of the Newline (or enclosing `}`) that ends the statement starting at `start`,
 * skipping over any `{ ... }` block the statement opens. */
function endOfStatement(tokens: IToken[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const type = tokens[i].tokenType;
    if (type === LCurly) depth++;
    else if (type === RCurly) {
      if (depth === 0) return i;
      depth--;
    } else if (type === Newline && depth === 0) return i;
  }
  return tokens.length;
}

function parserError(e: IRecognitionException, tokens: IToken[], positions: PositionMap, file: string): Diagnostic {
  const token = e.token;
  let range: Range;
  if (token.tokenType !== EOF && !Number.isNaN(token.startOffset)) {
    range = positions.range(token.startOffset, tokenEnd(token));
  } else {
    // At end of file: just after the last token, so the caret sits under the unfinished text.
    const last = tokens.findLast((t) => t.tokenType !== Newline);
    const end = last ? tokenEnd(last) : 0;
    range = positions.range(end, end);
  }
  return error('R0100', e.message, file, range);
}

function comments(groups: Record<string, IToken[]>, positions: PositionMap): Comment[] {
  return (groups.comments ?? []).map((token) => {
    const text = token.image.trimEnd();
    return { type: 'Comment', text, range: positions.range(token.startOffset, token.startOffset + text.length) };
  });
}

/** Parses a recipe. Never throws: every lexical and syntax error comes back as a diagnostic, and
 * the AST holds every statement that could be read (ErrorExpression where a value is missing). */
export function parse(source: string, file = '<input>'): ParseResult {
  const positions = new PositionMap(source);
  const diagnostics: Diagnostic[] = [];
  const lexed = recipeLexer.tokenize(source);
  for (const e of lexed.errors) diagnostics.push(lexerError(e, source, positions, file));
  const tokens = limitNesting(foldNewlines(screenTokens(lexed.tokens, positions, file, diagnostics)), positions, file, diagnostics);

  setMessageTokens(tokens);
  recipeParser.input = tokens;
  const cst = recipeParser.recipeFile();
  // A line with an unknown character already has its diagnostic: the parser's complaints about
  // the gap the character left would only repeat it.
  const linesWithBadCharacters = new Set(diagnostics.filter((d) => d.code === 'R0101').map((d) => d.range.start.line));
  for (const e of recipeParser.errors) {
    if (e.token.tokenType === TooDeepValue) continue; // a too-deep value where no value belongs: R0106 covers it
    const diagnostic = parserError(e, tokens, positions, file);
    if (!linesWithBadCharacters.has(diagnostic.range.start.line)) diagnostics.push(diagnostic);
  }
  setMessageTokens([]);

  const ast = astBuilder.build(cst, positions, file, diagnostics);
  limitExpressionDepth(ast, diagnostics);
  ast.comments = comments(lexed.groups, positions);
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { ast, diagnostics };
}

// ---- tokens for editors ------------------------------------------------------------------

export type TokenCategory =
  | 'keyword' | 'reserved' | 'name' | 'number' | 'quantity' | 'string' | 'operator' | 'punctuation' | 'comment';

export interface LexedToken {
  category: TokenCategory;
  text: string;
  range: Range;
}

function categorize(token: IToken): TokenCategory {
  if (tokenMatcher(token, ReservedKeyword)) return 'reserved';
  if (tokenMatcher(token, Keyword)) return 'keyword';
  if (token.tokenType === Identifier) return 'name';
  if (token.tokenType === NumberLiteral) return 'number';
  if (tokenMatcher(token, Quantity)) return 'quantity';
  if (tokenMatcher(token, StringLiteral)) return 'string';
  if (tokenMatcher(token, BinaryOperator) || token.image === '!' || token.image === '=') return 'operator';
  return 'punctuation';
}

/** Every token and comment of `source` in order, classified (newlines left out), for syntax
 * highlighting and semantic tokens. Unknown characters are skipped. */
export function lex(source: string): LexedToken[] {
  const positions = new PositionMap(source);
  const lexed = recipeLexer.tokenize(source);
  const tokens: LexedToken[] = lexed.tokens
    .filter((t) => t.tokenType !== Newline)
    .map((t) => ({ category: categorize(t), text: t.image, range: positions.range(t.startOffset, tokenEnd(t)) }));
  for (const c of comments(lexed.groups, positions)) tokens.push({ category: 'comment', text: c.text, range: c.range });
  return tokens.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
