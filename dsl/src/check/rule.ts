// A checker rule (graphql-js style): one concern, one file under rules/, reading the shared
// semantic model and reporting diagnostics through the context.
import type { Range } from '../ast.js';
import type { CheckCode } from './codes.js';
import type { SemanticModel } from './model.js';

export interface RuleContext {
  readonly model: SemanticModel;
  report(code: CheckCode, range: Range, message: string, suggestion?: string): void;
}

export interface Rule {
  name: string;
  /** The codes the rule can report (documented in dsl/docs/errors.md). */
  codes: readonly CheckCode[];
  run(context: RuleContext): void;
}
