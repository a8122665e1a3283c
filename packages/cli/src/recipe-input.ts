// What the recipe commands (check, fmt, plan, explain, nodes) share: reading a recipe file,
// loading the plugins its `use` lines name, printing diagnostics, and turning a failure into one
// paragraph on stderr with exit code 2 (a stack trace only with --debug).
import path from 'node:path';
import { readRecipeFile } from '@sous/runtime';
import {
  checkAndCompile,
  parse,
  render,
  shownDiagnostics,
  usedPackages,
  type CheckAndCompileResult,
  type Diagnostic,
  type RecipeFile,
  type Registry,
} from '@sous/dsl';
import { reportFailure } from './failure.js';

export { readRecipeFile };

/** Builds the registry of `packages`, resolving them from `fromDir` upwards (@sous/runtime's
 * loadRegistry; tests inject a fixture). */
export type RegistryLoader = (packages: readonly string[], fromDir: string) => Promise<Registry>;

/** The registry of the plugins a recipe (its parsed `ast`) uses, loaded from the recipe's folder. */
export async function registryFor(ast: RecipeFile, file: string, loadRegistry: RegistryLoader): Promise<Registry> {
  return loadRegistry(usedPackages(ast), path.dirname(path.resolve(file)));
}

/** Reads, checks and compiles a recipe file (parsing it once). */
export async function checkRecipeFile(
  file: string,
  loadRegistry: RegistryLoader,
): Promise<CheckAndCompileResult & { source: string }> {
  const source = await readRecipeFile(file);
  const parsed = parse(source, file);
  const registry = await registryFor(parsed.ast, file, loadRegistry);
  return { source, ...checkAndCompile(source, file, registry, parsed) };
}

/** Prints a file's diagnostics, the first MAX_SHOWN_DIAGNOSTICS of them and a count of the rest. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], source: string): void {
  const { shown, hidden } = shownDiagnostics(diagnostics);
  for (const diagnostic of shown) process.stderr.write(`${render(diagnostic, source)}\n\n`);
  if (hidden > 0)
    process.stderr.write(`${diagnostics[0].file}: ${hidden} more diagnostic${hidden === 1 ? '' : 's'} not shown\n\n`);
}

/** Runs a command's body and returns its exit code; a SousError becomes one paragraph and exit
 * 2, anything else an internal error whose stack shows only with `--debug`. */
export async function guarded(
  command: string,
  debug: boolean | undefined,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportFailure(command, error, debug);
  }
}
