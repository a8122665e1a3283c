// The checker: builds the semantic model of a parsed recipe and runs every rule over it. No
// tensors, no plugin code: only the registry's signatures.
import type { RecipeFile } from '../ast.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Registry } from '../registry.js';
import { CHECK_CODES } from './codes.js';
import { SemanticModel } from './model.js';
import type { Rule, RuleContext } from './rule.js';
import { knownArguments } from './rules/known-arguments.js';
import { knownBuiltins } from './rules/known-builtins.js';
import { knownMembers } from './rules/known-members.js';
import { knownNodes } from './rules/known-nodes.js';
import { knownPackages } from './rules/known-packages.js';
import { knownReferences } from './rules/known-references.js';
import { knownSettings } from './rules/known-settings.js';
import { noCycles } from './rules/no-cycles.js';
import { nodeValues } from './rules/node-values.js';
import { operatorTypes } from './rules/operator-types.js';
import { paramValues } from './rules/param-values.js';
import { portTypes } from './rules/port-types.js';
import { recipeName } from './rules/recipe-name.js';
import { requiredArguments } from './rules/required-arguments.js';
import { stageRequirements } from './rules/stage-requirements.js';
import { uniqueBindings } from './rules/unique-bindings.js';
import { uniqueStageNames } from './rules/unique-stage-names.js';
import { versionHeader } from './rules/version-header.js';

export const RULES: readonly Rule[] = [
  versionHeader,
  recipeName,
  knownPackages,
  uniqueBindings,
  uniqueStageNames,
  knownSettings,
  knownBuiltins,
  knownReferences,
  knownNodes,
  knownMembers,
  knownArguments,
  requiredArguments,
  paramValues,
  nodeValues,
  portTypes,
  operatorTypes,
  noCycles,
  stageRequirements,
];

export interface CheckResult {
  /** Sorted by position. */
  diagnostics: Diagnostic[];
  /** What the rules saw; the compiler reuses it. */
  model: SemanticModel;
}

export function check(ast: RecipeFile, registry: Registry, rules: readonly Rule[] = RULES): CheckResult {
  const model = new SemanticModel(ast, registry);
  const diagnostics: Diagnostic[] = [];
  const context: RuleContext = {
    model,
    report(code, range, message, suggestion) {
      diagnostics.push({
        code,
        severity: CHECK_CODES[code].severity,
        message,
        file: ast.file,
        range,
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    },
  };
  for (const rule of rules) rule.run(context);
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
  return { diagnostics, model };
}

export { CHECK_CODES, type CheckCode } from './codes.js';
export { SemanticModel } from './model.js';
export type { Rule, RuleContext } from './rule.js';
