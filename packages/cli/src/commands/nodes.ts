// `sous nodes [namespace]`: the nodes a recipe can call, from the same signatures the checker
// reads: kind, package, ports, and each parameter's type, range, default and doc. Without
// `--recipe` it lists the first-party plugins that load (and says which did not); `sous nodes
// builtin` lists the language's optimizers and schedules.
import type { Command } from 'commander';
import { SousError } from '@sous/core';
import { FIRST_PARTY_PLUGINS } from '@sous/runtime';
import {
  itemCount,
  OPTIMIZERS,
  parse,
  SCHEDULES,
  suggest,
  type BuiltinSignature,
  type NodeSignature,
  type ParamSpec,
  type PluginSignature,
  type Registry,
  type Value,
} from '@sous/dsl';
import { EXIT } from '../exit-codes.js';
import { guarded, readRecipeFile, registryFor, type RegistryLoader } from '../recipe-input.js';

/** The pseudo-namespace of the language built-ins. */
const BUILTIN = 'builtin';

interface NodesFlags {
  recipe?: string;
  debug?: boolean;
}

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('nodes')
    .description(
      `list the nodes recipes can call, with ports and parameters (\`${BUILTIN}\`: optimizers and schedules)`,
    )
    .argument('[namespace]', `only this namespace (e.g. samplers), or "${BUILTIN}"`)
    .option('--recipe <file>', 'list the plugins this recipe uses (default: the first-party plugins)')
    .option('--debug', 'print stack traces of failures')
    .action(async (namespace: string | undefined, flags: NodesFlags) => {
      process.exitCode = await guarded('nodes', flags.debug, async () => {
        const registry = flags.recipe
          ? await registryFor(parse(await readRecipeFile(flags.recipe), flags.recipe).ast, flags.recipe, loadRegistry)
          : await loadRegistry(FIRST_PARTY_PLUGINS, process.cwd());
        if (namespace === undefined)
          for (const missing of registry.missing ?? []) process.stderr.write(`note: ${missing.message}\n`);
        process.stdout.write(`${listNodes(registry, namespace).join('\n')}\n`);
        return EXIT.ok;
      });
    });
}

/** The listing's lines: each plugin (or only `namespace`), then the built-ins. */
export function listNodes(registry: Registry, namespace?: string): string[] {
  const plugins = registry.plugins();
  if (namespace !== undefined && namespace !== BUILTIN && !plugins.some((p) => p.namespace === namespace)) {
    const names = [...plugins.map((p) => p.namespace), BUILTIN];
    const near = suggest(namespace, names);
    throw new SousError(`unknown namespace "${namespace}"${near ? `; did you mean "${near}"?` : ''}`, {
      hint: `The namespaces are ${names.join(', ')}.`,
    });
  }
  const shown = plugins.filter((plugin) => namespace === undefined || namespace === plugin.namespace);
  const builtins = namespace === undefined || namespace === BUILTIN ? describeBuiltins() : [];
  return shown.flatMap(describePlugin).concat(builtins);
}

function describePlugin(plugin: PluginSignature): string[] {
  return [
    `${plugin.namespace}  (${plugin.package}${plugin.version ? `@${plugin.version}` : ''})`,
    '',
    ...plugin.nodes.flatMap((node) => describeNode(node)),
  ];
}

export function describeNode(node: NodeSignature): string[] {
  const ports = node.inputs
    .map((p) => `${p.variadic ? '...' : ''}${p.name}${p.optional ? '?' : ''}: ${p.type}${p.variadic ? '[]' : ''}`)
    .join(', ');
  const members = node.members
    ? `  members: ${Object.entries(node.members)
        .map(([name, type]) => `${name}: ${type}`)
        .join(', ')}`
    : '';
  return [
    `  ${node.namespace}.${node.name}(${ports}) -> ${node.output}  [${node.kind}]${members}`,
    `    ${node.doc}`,
    ...(node.references ?? []).map((ref) => `    reference: ${ref.title}. ${ref.authors}, ${ref.year}. ${ref.url}`),
    ...describeParams(node.params),
    '',
  ];
}

function describeBuiltins(): string[] {
  const describe = (builtin: BuiltinSignature) => [
    `  ${builtin.kind} ${builtin.name}(${builtin.inputs.map((p) => `${p.name}?: ${p.type}`).join(', ')})`,
    `    ${builtin.doc}`,
    ...describeParams(builtin.params),
    '',
  ];
  return [
    `${BUILTIN}  (language built-ins, written as stage settings)`,
    '',
    ...OPTIMIZERS.flatMap(describe),
    ...SCHEDULES.flatMap(describe),
  ];
}

/** One line a parameter: `name  type, range = default  doc`, the names aligned. */
function describeParams(params: ParamSpec[]): string[] {
  const width = Math.max(0, ...params.map((p) => p.name.length));
  return params.map((param) => `      ${param.name.padEnd(width)}  ${describeType(param)}  ${param.doc}`);
}

export function describeType(param: ParamSpec): string {
  const count = itemCount(param);
  const type =
    param.type === 'enum'
      ? (param.values ?? []).map((v) => JSON.stringify(v)).join(' | ')
      : param.type === 'list'
        ? `list of ${param.items ?? 'number'}${count ? ` (${count})` : ''}`
        : param.type;
  const bounds = [
    param.min === undefined ? undefined : `${param.minExclusive ? '>' : '>='} ${param.min}`,
    param.max === undefined ? undefined : `${param.maxExclusive ? '<' : '<='} ${param.max}`,
  ].filter((b) => b !== undefined);
  const parts = [
    type,
    param.dimension ? `(${param.dimension})` : undefined,
    bounds.length ? bounds.join(', ') : undefined,
    param.required ? 'required' : param.default === undefined ? 'optional' : `= ${showValue(param.default)}`,
  ];
  return parts.filter((p) => p !== undefined).join(' ');
}

/** A default as a recipe would write it: `"tiny"`, `[0.9, 0.999]`. */
function showValue(value: Value): string {
  return Array.isArray(value) ? `[${value.map(showValue).join(', ')}]` : JSON.stringify(value);
}
