// The syntax front end: `parse` (source -> AST + syntax diagnostics, never throws) and `lex`
// (classified tokens for editors). Codes it emits:
//   R0100 unexpected token (the parser's errors, one per recovery point)
//   R0101 unknown character
//   R0102 unterminated string
//   R0103 reserved keyword (`population`, `sweep`, `feedback`) not supported yet
//   R0104 unknown unit on a number (`30x`)
//   R0105 unknown escape in a string (`"\q"`)
//   R0106 expression nested too deeply (nesting.ts)
//   R0107 file too large (more than MAX_SOURCE_BYTES: not read at all)
//   R0108 too many syntax errors (more than MAX_SYNTAX_ERRORS: the rest is not reported)
import { EOF, tokenMatcher, type ILexingError, type IToken } from 'chevrotain';
import type { Comment, Range, RecipeFile } from './ast.js';
import { astBuilder } from './cst-to-ast.js';
import type { Diagnostic } from './diagnostic.js';
import {
  BinaryOperator,
  Colon,
  Dot,
  Identifier,
  Keyword,
  LCurly,
  Newline,
  NumberLiteral,
  Quantity,
  RCurly,
  recipeLexer,
  ReservedKeyword,
  StringLiteral,
  TooDeepValue,
  UnknownUnitQuantity,
  UNITS,
  UnterminatedString,
  foldNewlines,
  splitQuantity,
  tokenEnd,
} from './lexer.js';
import { limitExpressionDepth, limitNesting } from './nesting.js';
import { recipeParser } from './parser.js';
import { PositionMap } from './positions.js';
import { setMessageTokens } from './syntax-messages.js';

/** The largest recipe file read, in UTF-8 bytes. A recipe is a small configuration file (the
 * largest example is about 3 KB); the limit keeps every command and the language server fast on
 * anything else they are handed. */
export const MAX_SOURCE_BYTES = 128 * 1024;
/** The most lexical and syntax errors reported for one file: past them the parser stops. */
export const MAX_SYNTAX_ERRORS = 50;

export interface ParseResult {
  ast: RecipeFile;
  diagnostics: Diagnostic[];
  /** True when the file was too large to read (R0107) or had too many syntax errors (R0108): the
   * AST holds only what was read, if anything, and is not checked. */
  incomplete: boolean;
}

/** The length of `source` in UTF-8 bytes (the front end runs in browsers too: no Buffer). */
function utf8Length(source: string): number {
  let bytes = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if ((c & 0xfc00) === 0xd800 && (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The size in UTF-8 bytes of a source over MAX_SOURCE_BYTES, else undefined. */
function oversize(source: string): number | undefined {
  // A UTF-16 unit is at most 3 UTF-8 bytes: only a long source needs counting.
  const bytes = source.length * 3 > MAX_SOURCE_BYTES ? utf8Length(source) : 0;
  return bytes > MAX_SOURCE_BYTES ? bytes : undefined;
}

function error(code: string, message: string, file: string, range: Range): Diagnostic {
  return { code, severity: 'error', message, file, range };
}

function lexerError(e: ILexingError, source: string, positions: PositionMap, file: string): Diagnostic {
  const text = source.slice(e.offset, e.offset + e.length);
  // A run of binary garbage can be megabytes long: quote only its start.
  const quoted =
    JSON.stringify(text.length > 20 ? text.slice(0, 20) : text) +
    (text.length > 20 ? `... (${text.length} characters)` : '');
  const what = [...text].length === 1 ? `unknown character ${quoted}` : `unknown characters ${quoted}`;
  return error(
    'R0101',
    `${what}: recipes use names, numbers, "strings", # comments and = ( ) [ ] { } , : . + - * & | !`,
    file,
    positions.range(e.offset, e.offset + e.length),
  );
}

/** Tokens the parser cannot read as written get a diagnostic here; reserved keywords are
 * removed (at a statement start, with their whole statement) or read as names elsewhere. */
function screenTokens(tokens: IToken[], positions: PositionMap, file: string, diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  const tokenRange = (t: IToken) => positions.range(t.startOffset, tokenEnd(t));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.tokenType === UnterminatedString) {
      diagnostics.push(
        error('R0102', 'unterminated string: add the closing " on the same line', file, tokenRange(token)),
      );
    } else if (token.tokenType === UnknownUnitQuantity) {
      const { unit } = splitQuantity(token.image);
      diagnostics.push(
        error(
          'R0104',
          `unknown unit "${unit}" in ${token.image}: the units are ${Object.keys(UNITS).join(', ')}`,
          file,
          tokenRange(token),
        ),
      );
    } else if (tokenMatcher(token, ReservedKeyword)) {
      const previous = tokens[i - 1];
      const usedAsName = previous?.tokenType === Dot || tokens[i + 1]?.tokenType === Colon;
      if (usedAsName) {
        out.push(token);
        continue;
      }
      diagnostics.push(
        error(
          'R0103',
          `"${token.image}" is reserved for a later version of the language and not supported yet`,
          file,
          tokenRange(token),
        ),
      );
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

/** Where a parser error at `token` is reported: the token, or at end of file just after the last
 * token, so the caret sits under the unfinished text. */
function errorRange(token: IToken, tokens: IToken[], positions: PositionMap): Range {
  if (token.tokenType !== EOF && !Number.isNaN(token.startOffset))
    return positions.range(token.startOffset, tokenEnd(token));
  const last = tokens.findLast((t) => t.tokenType !== Newline);
  const end = last ? tokenEnd(last) : 0;
  return positions.range(end, end);
}

function comments(groups: Record<string, IToken[]>, positions: PositionMap): Comment[] {
  return (groups.comments ?? []).map((token) => {
    const text = token.image.trimEnd();
    return { type: 'Comment', text, range: positions.range(token.startOffset, token.startOffset + text.length) };
  });
}

/** An AST with no statements, for a file that was not parsed. */
function emptyFile(positions: PositionMap, file: string): RecipeFile {
  return { type: 'File', file, statements: [], comments: [], range: positions.range(0, positions.source.length) };
}

/** Keeps the first MAX_SYNTAX_ERRORS of the sorted `diagnostics` found before `stoppedAt` (where
 * the parser stopped reading, if it did) and sums up the rest in one R0108, placed at the first
 * one left out, else where the parser stopped. `why` ends its message. */
function capSyntaxErrors(
  diagnostics: Diagnostic[],
  file: string,
  stoppedAt: Range | undefined,
  why: string,
): Diagnostic[] {
  const read = stoppedAt ? diagnostics.filter((d) => d.range.start.offset < stoppedAt.start.offset) : diagnostics;
  if (read.length <= MAX_SYNTAX_ERRORS && !stoppedAt) return diagnostics;
  const kept = read.slice(0, MAX_SYNTAX_ERRORS);
  const leftOut = diagnostics.length - kept.length;
  const at = read.length > MAX_SYNTAX_ERRORS ? read[MAX_SYNTAX_ERRORS].range : stoppedAt!;
  const message = `too many syntax errors: the first ${kept.length} are reported${leftOut > 0 ? `, ${leftOut} more left out` : ''}; ${why}`;
  return [...kept, error('R0108', message, file, at)];
}

/** Parses a recipe. Never throws: every lexical and syntax error comes back as a diagnostic, and
 * the AST holds every statement that could be read (ErrorExpression where a value is missing).
 * A file over MAX_SOURCE_BYTES is not read (R0107); past MAX_SYNTAX_ERRORS the rest of the
 * errors is summed up in one R0108 and the parser stops. Either way the result is `incomplete`. */
export function parse(source: string, file = '<input>'): ParseResult {
  const positions = new PositionMap(source);
  const bytes = oversize(source);
  if (bytes !== undefined) {
    // Bytes that are not UTF-8 are read as U+FFFD, 3 bytes each: say so, or the size puzzles.
    const replaced = source.split('\uFFFD').length - 1;
    const why =
      replaced > 0
        ? ` (${replaced.toLocaleString('en-US')} of its characters are U+FFFD, which bytes that are not UTF-8 become when read: is it a recipe?)`
        : '';
    const diagnostic = error(
      'R0107',
      `this file is ${bytes.toLocaleString('en-US')} bytes as UTF-8 text${why}; a recipe may be at most ${MAX_SOURCE_BYTES.toLocaleString('en-US')} bytes (${MAX_SOURCE_BYTES / 1024} KiB), so it was not read`,
      file,
      positions.range(0, 0),
    );
    return { ast: emptyFile(positions, file), diagnostics: [diagnostic], incomplete: true };
  }
  const diagnostics: Diagnostic[] = [];
  const lexed = recipeLexer.tokenize(source);
  for (const e of lexed.errors) diagnostics.push(lexerError(e, source, positions, file));
  const tokens = limitNesting(
    foldNewlines(screenTokens(lexed.tokens, positions, file, diagnostics)),
    positions,
    file,
    diagnostics,
  );
  diagnostics.sort(byOffset);
  if (diagnostics.length > MAX_SYNTAX_ERRORS) {
    // Text with an error every few characters is no recipe: parsing it would only add errors.
    const why = 'the file was not parsed (binary or generated text has an error every few characters: is it a recipe?)';
    return {
      ast: emptyFile(positions, file),
      diagnostics: capSyntaxErrors(diagnostics, file, undefined, why),
      incomplete: true,
    };
  }

  setMessageTokens(tokens);
  const cst = recipeParser.parseFile(tokens, MAX_SYNTAX_ERRORS);
  const stoppedAt = recipeParser.stoppedAt && errorRange(recipeParser.stoppedAt, tokens, positions);
  // A line with an unknown character already has its diagnostic: the parser's complaints about
  // the gap the character left would only repeat it.
  const linesWithBadCharacters = new Set(diagnostics.filter((d) => d.code === 'R0101').map((d) => d.range.start.line));
  for (const e of recipeParser.errors) {
    if (e.token.tokenType === TooDeepValue) continue; // a too-deep value where no value belongs: R0106 covers it
    const diagnostic = error('R0100', e.message, file, errorRange(e.token, tokens, positions));
    if (!linesWithBadCharacters.has(diagnostic.range.start.line)) diagnostics.push(diagnostic);
  }
  setMessageTokens([]);

  const ast = astBuilder.build(cst, positions, file, diagnostics);
  limitExpressionDepth(ast, diagnostics);
  ast.comments = comments(lexed.groups, positions);
  diagnostics.sort(byOffset);
  const why = stoppedAt
    ? `the parser stopped reading at ${stoppedAt.start.line}:${stoppedAt.start.column}`
    : 'fix these first';
  const reported = capSyntaxErrors(diagnostics, file, stoppedAt, why);
  return { ast, diagnostics: reported, incomplete: reported !== diagnostics };
}

function byOffset(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.offset - b.range.start.offset;
}

// ---- tokens for editors ------------------------------------------------------------------

export type TokenCategory =
  | 'keyword'
  | 'reserved'
  | 'name'
  | 'number'
  | 'quantity'
  | 'string'
  | 'operator'
  | 'punctuation'
  | 'comment';

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
 * highlighting and semantic tokens. Unknown characters are skipped; a source over
 * MAX_SOURCE_BYTES, which `parse` does not read, has none. */
export function lex(source: string): LexedToken[] {
  if (oversize(source) !== undefined) return [];
  const positions = new PositionMap(source);
  const lexed = recipeLexer.tokenize(source);
  const tokens: LexedToken[] = lexed.tokens
    .filter((t) => t.tokenType !== Newline)
    .map((t) => ({ category: categorize(t), text: t.image, range: positions.range(t.startOffset, tokenEnd(t)) }));
  for (const c of comments(lexed.groups, positions)) tokens.push({ category: 'comment', text: c.text, range: c.range });
  return tokens.sort((a, b) => a.range.start.offset - b.range.start.offset);
}
