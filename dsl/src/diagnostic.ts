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
