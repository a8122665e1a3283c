// The import-boundary check. Every workspace package imports only its own files, the packages its
// package.json lists (devDependencies, its own or the root's, only from test code) and node
// builtins; a plugin imports none of the platform packages that run it; no files of one package
// import each other in a cycle, and no packages do.
//
// Imports are read with the TypeScript compiler's parser and resolved with its module resolution
// (NodeNext, the `source` condition), so a specifier means here what it means to tsc and tsx;
// dependency-cruiser resolves workspace packages to their folders and cannot tell which
// package.json should list them. Cycles are the strongly connected components of the import
// graph, found by graphlib (the graph library under dagre).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { alg, Graph } from '@dagrejs/graphlib';
import ts from 'typescript';

/** The kit: what a plugin builds on. */
export const KIT = '@sous/core';
/** The packages that run plugins. A plugin imports none of them. */
export const PLATFORM = ['@sous/runtime', '@sous/native', '@sous/report', '@sous/cli'];
/** Packages under packages/ that help write plugins and are none: the scaffolder. */
export const AUTHOR_TOOLS = ['create-sous-plugin'];

export interface Violation {
  rule:
    | 'undeclared'
    | 'dev-only'
    | 'outside-package'
    | 'unresolved'
    | 'plugin-imports-platform'
    | 'file-cycle'
    | 'package-cycle';
  /** Stable across edits elsewhere in a file (no line numbers): what a list of known violations holds. */
  key: string;
  /** For a person: file:line and what to do. */
  message: string;
}

interface Manifest {
  name: string;
  private?: boolean;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  sous?: { browserBundles?: { source: string }[] };
}

export interface WorkspacePackage {
  name: string;
  /** Relative to the root, with forward slashes. */
  dir: string;
  plugin: boolean;
  /** Private tooling under tools/: the test runner, benchmarks, builders. */
  tool: boolean;
  /** Folders of browser code that the build bundles (`sous.browserBundles` in package.json). */
  bundled: string[];
  runtime: Set<string>;
  dev: Set<string>;
}

interface Import {
  specifier: string;
  line: number;
  /** Erased by the compiler: `import type`, `export type`, `import('x').T`. */
  typeOnly: boolean;
  require: boolean;
}

const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;
/** A specifier with an extension that is no module's: a stylesheet, an image. */
const ASSET = /\.(?!(ts|mts|cts|tsx|js|mjs|cjs|json)$)\w+$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', 'build']);
const BUILTINS = new Set(builtinModules);

function readManifest(file: string): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The workspace folders named by the root package.json (`dir` or `dir/*` patterns). */
function workspaceDirs(root: string, patterns: string[]): string[] {
  return patterns
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      if (!fs.existsSync(path.join(root, parent))) return [];
      return fs
        .readdirSync(path.join(root, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`);
    })
    .filter((dir) => fs.existsSync(path.join(root, dir, 'package.json')));
}

/** The workspace's packages, as the root package.json's `workspaces` name them, and the root's devDependencies. */
export function loadPackages(root: string): { packages: WorkspacePackage[]; rootDev: Set<string> } {
  const rootManifest = readManifest(path.join(root, 'package.json'));
  const packages = workspaceDirs(root, rootManifest.workspaces ?? []).map((dir): WorkspacePackage => {
    const manifest = readManifest(path.join(root, dir, 'package.json'));
    const tool = dir.startsWith('tools/') && manifest.private === true;
    return {
      name: manifest.name,
      dir,
      plugin:
        dir.startsWith('packages/') &&
        manifest.name !== KIT &&
        !PLATFORM.includes(manifest.name) &&
        !AUTHOR_TOOLS.includes(manifest.name),
      tool,
      bundled: (manifest.sous?.browserBundles ?? []).map((bundle) =>
        path.posix.join(dir, path.posix.dirname(bundle.source)),
      ),
      runtime: new Set(
        Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }),
      ),
      dev: new Set(Object.keys(manifest.devDependencies ?? {})),
    };
  });
  return { packages, rootDev: new Set(Object.keys(rootManifest.devDependencies ?? {})) };
}

/** A package's source files, relative to the root; folders with a package.json of their own are other
 * packages, and so are templates of one (create-sous-plugin's, with a `_package.json`: the package it
 * writes declares their imports). */
function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, top: boolean) => {
    const manifest = (name: string) => fs.existsSync(path.join(root, folder, name));
    if (!top && (manifest('package.json') || manifest('_package.json'))) return;
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(child, false);
      } else if (SOURCE.test(entry.name)) files.push(child);
    }
  };
  walk(dir, true);
  return files.sort();
}

function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (literal: ts.Node, typeOnly: boolean, require = false) => {
    if (!ts.isStringLiteralLike(literal)) return; // a computed specifier cannot be checked statically
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    found.push({ specifier: literal.text, line, typeOnly, require });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const allTypes =
        node.isTypeOnly ||
        (clause !== undefined &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((element) => element.isTypeOnly));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(node.arguments[0], false, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  customConditions: ['source'],
  allowJs: true,
  resolveJsonModule: true,
};

/** The file a relative specifier names, relative to the root, or undefined when it names none. */
function resolveRelative(root: string, file: string, entry: Import): string | undefined {
  const mode = entry.require ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
  const resolved = ts.resolveModuleName(
    entry.specifier,
    path.join(root, file),
    RESOLUTION,
    ts.sys,
    undefined,
    undefined,
    mode,
  ).resolvedModule?.resolvedFileName;
  if (resolved === undefined) return undefined;
  // A hand-written declaration beside its module (totals.d.mts for totals.mjs) stands for the module.
  const implementation = resolved.replace(/\.d\.(m|c)?ts$/, (_, kind = '') => `.${kind}js`);
  return path
    .relative(root, fs.existsSync(implementation) ? implementation : resolved)
    .split(path.sep)
    .join('/');
}

const inside = (file: string, dir: string) => file.startsWith(`${dir}/`);

/**
 * Code that an installed package runs: its src/ folder (what `exports` and the build reach), less
 * the browser code that the build bundles, whose imports are build inputs. The rest — tests,
 * scripts, private tooling — may use devDependencies.
 */
function runsInstalled(pkg: WorkspacePackage, file: string): boolean {
  return !pkg.tool && inside(file, `${pkg.dir}/src`) && !pkg.bundled.some((dir) => inside(file, dir));
}

/** One cycle through the component, the shortest from its first file back to it, as a list ending where it starts. */
function cycleThrough(graph: Graph, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const paths = alg.dijkstra(graph, start, undefined, (node) =>
    (graph.outEdges(node) ?? []).filter((edge) => members.has(edge.w)),
  );
  const last = component
    .filter((node) => graph.hasEdge(node, start) && Number.isFinite(paths[node].distance))
    .sort((a, b) => paths[a].distance - paths[b].distance)[0];
  const cycle = [start];
  for (let node = last; node !== start; node = paths[node].predecessor) cycle.splice(1, 0, node);
  return [...cycle, start];
}

function cycles(graph: Graph, rule: 'file-cycle' | 'package-cycle', describe: string): Violation[] {
  return alg
    .findCycles(graph)
    .map((component) => {
      const cycle = cycleThrough(graph, component);
      const extra =
        component.length > cycle.length - 1 ? ` (${component.length} ${describe} in the cycle's component)` : '';
      return {
        rule,
        key: `${rule} ${[...component].sort().join(' ')}`,
        message: `import cycle: ${cycle.join(' → ')}${extra}`,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Every violation in the workspace at `root`, sorted by rule and file. */
export function checkImportBoundaries(root: string): Violation[] {
  const { packages, rootDev } = loadPackages(root);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const violations: Violation[] = [];
  /** One violation per rule, file (or package) and target: the first import that breaks it. */
  const reported = new Set<string>();
  const fileGraph = new Graph();
  const packageGraph = new Graph();

  for (const pkg of packages) {
    packageGraph.setNode(pkg.name);
    for (const dependency of pkg.runtime) if (byName.has(dependency)) packageGraph.setEdge(pkg.name, dependency);
    const manifest = `${pkg.dir}/package.json`;
    for (const file of sourceFiles(root, pkg.dir)) {
      fileGraph.setNode(file);
      const dev = !runsInstalled(pkg, file);
      for (const entry of importsOf(file, fs.readFileSync(path.join(root, file), 'utf8'))) {
        const where = `${file}:${entry.line}`;
        /** `from` is the file, or the package for a dependency its package.json should list. */
        const report = (rule: Violation['rule'], target: string, message: string, from = file) => {
          const key = `${rule} ${from} → ${target}`;
          if (!reported.has(key)) violations.push({ rule, key, message: `${where}: ${message}` });
          reported.add(key);
        };
        const { specifier } = entry;
        if (specifier.startsWith('node:') || BUILTINS.has(specifier)) continue;
        if (specifier.startsWith('.') || specifier.startsWith('/')) {
          const target = resolveRelative(root, file, entry);
          if (
            target === undefined &&
            ASSET.test(specifier) &&
            fs.existsSync(path.join(root, path.dirname(file), specifier))
          ) {
            continue; // a stylesheet or other asset, for the bundler
          } else if (target === undefined) {
            report('unresolved', specifier, `"${specifier}" names no file`);
          } else if (inside(target, pkg.dir)) {
            if (!entry.typeOnly) fileGraph.setEdge(file, target);
          } else {
            const owner = packages.find((other) => inside(target, other.dir));
            // Test code may share what is never published — another package's test fixtures, the
            // tools' helpers — by path, and any code may name their types (erased); a package's
            // src/ is reached through its exports only.
            if (!(owner && !runsInstalled(owner, target) && (dev || entry.typeOnly))) {
              const name = owner ? `: import it through ${owner.name}'s exports` : '';
              report('outside-package', target, `"${specifier}" reaches outside ${pkg.dir}/ to ${target}${name}`);
            }
          }
          continue;
        }
        const name = packageNameOf(specifier);
        if (name === pkg.name) continue;
        // A plugin's tests may start backends through the runtime (a devDependency); its code may not.
        if (pkg.plugin && !dev && PLATFORM.includes(name)) {
          report(
            'plugin-imports-platform',
            name,
            `a plugin imports ${name}, which runs plugins; plugins build on ${KIT} alone`,
          );
        }
        if (pkg.runtime.has(name)) {
          if (byName.has(name) && !dev && !entry.typeOnly) packageGraph.setEdge(pkg.name, name);
        } else if (pkg.dev.has(name) || rootDev.has(name)) {
          // A type-only import is erased at compile time: a devDependency suffices for it.
          if (!dev && !entry.typeOnly) {
            const listed = pkg.dev.has(name) ? manifest : 'the root package.json';
            report(
              'dev-only',
              name,
              `imports ${name}, which ${listed} lists only as a devDependency; list it in dependencies`,
              pkg.dir,
            );
          }
        } else {
          report('undeclared', name, `imports ${name}, which ${manifest} does not list`, pkg.dir);
        }
      }
    }
  }
  violations.sort((a, b) => a.rule.localeCompare(b.rule) || a.key.localeCompare(b.key));
  return [
    ...violations,
    ...cycles(fileGraph, 'file-cycle', 'files'),
    ...cycles(packageGraph, 'package-cycle', 'packages'),
  ];
}
