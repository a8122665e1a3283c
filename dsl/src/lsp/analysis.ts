// One analysis per document version: the AST and semantic model the editor features read, and the
// diagnostics `sous check` would print. Everything comes from the front end (parse, the checker's
// model, checkAndCompile); the server adds no language logic of its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RecipeFile } from '../ast.js';
import { SemanticModel } from '../check/model.js';
import { checkAndCompile, usedPackages } from '../compile/index.js';
import type { Diagnostic } from '../diagnostic.js';
import { staticRegistry, type Registry } from '../registry.js';
import { parse } from '../syntax.js';

/** Loads the plugins a recipe uses, resolved from its folder (`loadRegistry` of @sous/core). */
export type RegistryLoader = (packages: readonly string[], fromDir: string) => Promise<Registry>;

export interface Analysis {
  /** A snapshot of the document as analysed (the live one changes under later edits). */
  document: TextDocument;
  /** The path used in diagnostics (the URI itself when it is not a file). */
  file: string;
  ast: RecipeFile;
  model: SemanticModel;
  diagnostics: Diagnostic[];
}

export function uriToFile(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** Registries by (folder, packages), loaded once: plugins are imported modules, and a keystroke
 * must not import them again. `clear` forgets them (after a package.json changes). */
export class RegistryCache {
  private readonly cache = new Map<string, Promise<Registry>>();

  constructor(
    private readonly load: RegistryLoader,
    private readonly log: (message: string) => void,
  ) {}

  get(packages: readonly string[], fromDir: string): Promise<Registry> {
    const key = JSON.stringify([fromDir, ...packages]);
    let registry = this.cache.get(key);
    if (!registry) {
      registry = this.load(packages, fromDir).catch((error: unknown) => {
        this.log(
          `sous: loading the plugins ${packages.join(', ')} from ${fromDir} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return staticRegistry([]);
      });
      this.cache.set(key, registry);
    }
    return registry;
  }

  clear(): void {
    this.cache.clear();
  }
}

export async function analyse(live: TextDocument, registries: RegistryCache): Promise<Analysis> {
  const source = live.getText();
  const document = TextDocument.create(live.uri, live.languageId, live.version, source);
  const file = uriToFile(document.uri);
  const parsed = parse(source, file);
  const fromDir = path.isAbsolute(file) ? path.dirname(file) : process.cwd();
  const registry = await registries.get(usedPackages(parsed.ast), fromDir);
  return {
    document,
    file,
    ast: parsed.ast,
    model: new SemanticModel(parsed.ast, registry),
    diagnostics: checkAndCompile(source, file, registry, parsed).diagnostics,
  };
}
