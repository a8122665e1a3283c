// The one entry point the CLI, the runtime and the language server use: source text → every
// diagnostic (syntax and semantic) and, when there is no error, the plan.
import type { RecipeFile } from '../ast.js';
import { check } from '../check/index.js';
import { isError, type Diagnostic } from '../diagnostic.js';
import type { Plan } from '../plan.js';
import type { Registry } from '../registry.js';
import { parse, type ParseResult } from '../syntax.js';
import { compile } from './compile.js';

/** The packages a recipe's `use` lines name, in order: what its registry must load. */
export function usedPackages(ast: RecipeFile): string[] {
  return ast.statements.flatMap((statement) => (statement.type === 'Use' ? [statement.package.value] : []));
}

export interface CheckAndCompileResult {
  /** Syntax and semantic diagnostics, sorted by position. */
  diagnostics: Diagnostic[];
  /** Present when no diagnostic is an error. */
  plan?: Plan;
}

/** `parsed` is `parse(source, file)` when the caller has it already (each parse reads the whole file). */
export function checkAndCompile(
  source: string,
  file: string,
  registry: Registry,
  parsed: ParseResult = parse(source, file),
): CheckAndCompileResult {
  // An incomplete AST (the file too large, or not read to its end) would only add false errors.
  if (parsed.incomplete) return { diagnostics: parsed.diagnostics };
  const checked = check(parsed.ast, registry);
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics].sort(
    (a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code),
  );
  if (diagnostics.some(isError)) return { diagnostics };
  return { diagnostics, plan: compile(parsed.ast, registry, file, checked.model) };
}

export { compile, CompileError } from './compile.js';
export { explain } from './explain.js';
export { planHash } from './hash.js';
