// A diagnostic: what every stage of the front end (lexer, parser, checker) reports. Codes are
// stable and documented in dsl/docs/errors.md (a test keeps the two in sync).
import type { Range } from './ast.js';

export interface Diagnostic {
  /** Stable code, `R` + four digits: R00xx header, R01xx syntax, R02xx names, R03xx types and
   * values, R04xx graph and stages. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  range: Range;
  /** A replacement the user probably meant ("did you mean `samplers.group`?"). */
  suggestion?: string;
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/** The most diagnostics of one file that `sous check` prints and the language server shows; the
 * rest are counted (a generated file can have one per line). Above MAX_SYNTAX_ERRORS + 1, so a
 * file's syntax errors and their R0108 are always shown. */
export const MAX_SHOWN_DIAGNOSTICS = 100;

/** The first MAX_SHOWN_DIAGNOSTICS of `diagnostics`, and how many are left out. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[]): { shown: readonly Diagnostic[]; hidden: number } {
  return {
    shown: diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS),
    hidden: Math.max(0, diagnostics.length - MAX_SHOWN_DIAGNOSTICS),
  };
}
