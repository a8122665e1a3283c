export * from './registry.js';
export * from './plan.js';
export type * from './ast.js';
export * from './diagnostic.js';
export {
  parse,
  lex,
  MAX_SOURCE_BYTES,
  MAX_SYNTAX_ERRORS,
  type ParseResult,
  type LexedToken,
  type TokenCategory,
} from './syntax.js';
export { KEYWORDS, RESERVED_KEYWORDS, UNITS } from './lexer.js';
export { format, FormatError } from './format.js';
export { printExpression, quoteString } from './print.js';
export {
  check,
  CHECK_CODES,
  RULES,
  SemanticModel,
  type CheckCode,
  type CheckResult,
  type Rule,
  type RuleContext,
} from './check/index.js';
export {
  checkAndCompile,
  compile,
  CompileError,
  explain,
  planHash,
  usedPackages,
  type CheckAndCompileResult,
} from './compile/index.js';
export { render } from './render.js';
export { suggest } from './suggest.js';
export {
  DEFAULT_SCHEDULE,
  EVAL_EVERY,
  OPTIMIZER_PARAMS,
  OPTIMIZERS,
  SCHEDULE_PARAMS,
  SCHEDULES,
  STAGE_SETTINGS,
  STAGE_SETTINGS_PARAMS,
  SUPPORTED_VERSIONS,
  TOP_LEVEL_SETTINGS,
  TOP_LEVEL_SETTINGS_PARAMS,
  type BuiltinSignature,
  type SettingSpec,
} from './builtins.js';
export { ParamSchemaError, paramSpecs } from './param-specs.js';
export { itemCount } from './check/values.js';
