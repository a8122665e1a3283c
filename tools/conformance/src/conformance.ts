// The plugin conventions as a check, over every first-party plugin: each node lives in
// src/nodes/<name>.ts and some test imports it (untestedNodes from the kit), its doc is a sentence,
// a doc that cites a method lists `references`, an `Any` port or output says why, the message ids
// it declares are the ones it raises, and its kind is one sous knows or its plugin declares.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  NODE_KINDS,
  type NodeDefinition,
  type OutputDecl,
  type Plugin,
  type PortDecl,
  type PortTypeName,
} from '@sous/core';
import { untestedNodes } from '@sous/core/testing';
import { loadPackages } from '@sous/tool-lint';
import ts from 'typescript';

/** A first-party plugin package: its name and folder (absolute). */
export interface PluginPackage {
  name: string;
  dir: string;
}

/** The workspace's plugin packages, found as the import-boundary check finds them. */
export function pluginPackages(root: string): PluginPackage[] {
  return loadPackages(root)
    .packages.filter((pkg) => pkg.plugin)
    .map((pkg) => ({ name: pkg.name, dir: path.join(root, pkg.dir) }));
}

/** The plugin a package's entry (src/index.ts) exports by default; undefined for a placeholder
 * package whose entry exports nothing yet. */
export async function loadPlugin(pkg: PluginPackage): Promise<Plugin | undefined> {
  const entry = path.join(pkg.dir, 'src', 'index.ts');
  const exports = (await import(pathToFileURL(entry).href)) as { default?: Plugin };
  if (Object.keys(exports).length === 0) return undefined;
  if (!Array.isArray(exports.default?.nodes)) {
    throw new Error(`${pkg.name}: src/index.ts must \`export default definePlugin({ namespace, nodes })\``);
  }
  return exports.default;
}

/** Every problem of every plugin package of the workspace at `root`. */
export async function workspaceProblems(root: string): Promise<string[]> {
  let problems: string[] = [];
  for (const pkg of pluginPackages(root)) {
    const plugin = await loadPlugin(pkg);
    if (plugin) problems = problems.concat(conformanceProblems(plugin, pkg.dir));
  }
  return problems;
}

/** Words in a doc that cite published work: "et al.", a year in parentheses or after a name, or
 * one of a few method names that a node names only when it implements the method (GRPO or PPO
 * are left out: many nodes name them as the setting they serve). */
const CITES_A_METHOD = [
  /\bet al\./,
  /\((?:19|20)\d\d\)/,
  /\b[A-Z][a-z]+(?: (?:&|and) [A-Z][a-z]+)? (?:19|20)\d\d\b/,
  /\b(?:REINFORCE|GPT-2|SLiC|DDPM|DDIM)\b/,
  /\b(?:maximum mean discrepancy|Wasserstein distance|dual[ _-]clip)/i,
];

/** Whether `doc` cites a method, so that the node must list the references. */
export function citesMethod(doc: string): boolean {
  return CITES_A_METHOD.some((pattern) => pattern.test(doc));
}

/** Every convention `plugin`'s nodes break, one `namespace.node: problem` line each (sorted). */
export function conformanceProblems(plugin: Plugin, packageDir: string): string[] {
  const problems = untestedNodes(plugin, packageDir);
  const kinds = { ...NODE_KINDS, ...plugin.kinds };
  for (const node of plugin.nodes) {
    const label = `${plugin.namespace}.${node.name}`;
    const report = (problem: string) => problems.push(`${label}: ${problem}`);
    const doc = node.doc?.trim() ?? '';
    if (doc === '') report('no doc');
    else if (!/\.[)"']?$/.test(doc)) report('its doc does not end with a period');
    if (citesMethod(doc) && !node.references?.length) report('its doc cites a method but it lists no references');
    for (const [port, decl] of Object.entries<PortDecl | PortTypeName>(node.inputs)) {
      if (anyWithoutWhy(decl)) report(`input ${port} is Any without a why`);
    }
    if (anyWithoutWhy(node.output)) report('its output is Any without a why');
    if (!Object.hasOwn(kinds, node.kind)) {
      report(`kind "${node.kind}" is none of ${Object.keys(NODE_KINDS).join(', ')} and not in the plugin's kinds`);
    }
    const file = path.join(packageDir, 'src', 'nodes', `${node.name}.ts`);
    if (fs.existsSync(file)) for (const problem of messageProblems(node, file)) problems.push(`${label}: ${problem}`);
  }
  return problems.sort();
}

function anyWithoutWhy(decl: PortTypeName | OutputDecl | PortDecl): boolean {
  return typeof decl === 'string' ? decl === 'Any' : decl.type === 'Any' && !decl.why?.trim();
}

/**
 * A declared message the node never raises, and an id the node's file raises that it does not
 * declare. An id is raised by a call `fail(…)` or `ctx.fail(…)` whose first argument holds it as a
 * string literal (`ctx.fail(empty ? 'empty' : 'short')` raises both), in the node's file or in the
 * files of its package that it imports, directly or not (helpers that get `ctx.fail`).
 */
function messageProblems(node: NodeDefinition<any, any, any>, file: string): string[] {
  const declared = Object.keys(node.messages ?? {});
  const inFile = raisedIds(file);
  const anywhere = new Set(localImports(file).flatMap(raisedIds));
  return [
    ...declared.filter((id) => !anywhere.has(id)).map((id) => `message "${id}" is declared but no ctx.fail raises it`),
    ...[...new Set(inFile)]
      .filter((id) => !declared.includes(id))
      .map((id) => `raises message "${id}", which its messages do not declare`),
  ];
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function raisedIds(file: string): string[] {
  const ids: string[] = [];
  const literals = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node)) ids.push(node.text);
    node.forEachChild(literals);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      if (ts.isIdentifier(name) && name.text === 'fail') literals(node.arguments[0]);
    }
    node.forEachChild(visit);
  };
  visit(parse(file));
  return ids;
}

/** `file` and the files under its package's src/ that it imports, directly or through others. */
function localImports(file: string): string[] {
  const src = path.resolve(path.dirname(file), '..');
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const statement of parse(current).statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const target = path.resolve(path.dirname(current), specifier.text.replace(/\.js$/, '.ts'));
      if (target.startsWith(src + path.sep) && fs.existsSync(target)) visit(target);
    }
  };
  visit(file);
  return [...seen];
}
