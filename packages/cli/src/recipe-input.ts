// What the recipe commands (check, fmt, plan, explain, nodes) share: reading a recipe file,
// loading the plugins its `use` lines name, printing diagnostics, and turning a failure into one
// paragraph on stderr with exit code 2 (a stack trace only with --debug).
import path from 'node:path';
import { readRecipeFile } from '@sous/core';
import { checkAndCompile, parse, render, usedPackages, type CheckAndCompileResult, type Diagnostic, type Registry } from '@sous/dsl';
import { reportFailure } from './failure.js';
import { EXIT } from './program.js';

export { readRecipeFile };

/** Builds the registry of `packages`, resolving them from `fromDir` upwards (@sous/core's
 * loadRegistry; tests inject a fixture). */
export type RegistryLoader = (packages: readonly string[], fromDir: string) => Promise<Registry>;


/** The registry of the plugins a recipe uses, loaded from the recipe's folder. */
export async function registryFor(source: string, file: string, loadRegistry: RegistryLoader): Promise<Registry> {
  return loadRegistry(usedPackages(parse(source, file).ast), path.dirname(path.resolve(file)));
}

/** Reads, checks and compiles a recipe file. */
export async function checkRecipeFile(file: string, loadRegistry: RegistryLoader): Promise<CheckAndCompileResult & { source: string }> {
  const source = await readRecipeFile(file);
  const registry = await registryFor(source, file, loadRegistry);
  return { source, ...checkAndCompile(source, file, registry) };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], source: string): void {
  for (const diagnostic of diagnostics) process.stderr.write(`${render(diagnostic, source)}\n\n`);
}

/** Runs a command's body and returns its exit code; a SousError becomes one paragraph and exit
 * 2, anything else an internal error whose stack shows only with `--debug`. */
export async function guarded(command: string, debug: boolean | undefined, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportFailure(command, error, debug);
  }
}
