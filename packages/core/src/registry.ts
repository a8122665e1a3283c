// Plugin definitions → the registry that the checker, the compiler, `sous nodes` and the language
// server read. Parameter specs come from each node's zod schema through @sous/dsl's `paramSpecs`,
// the conversion the language's built-ins use too.
import { ParamSchemaError, paramSpecs, PORT_TYPES, staticRegistry } from '@sous/dsl';
import type { NodeSignature, ParamSpec, PluginSignature, PortSpec, PortType, Registry } from '@sous/dsl';
import { SousError } from './errors.js';
import type { NodeDefinition, Plugin, PortDecl } from './plugin.js';

/** Where a schema problem is, for error messages. */
function where(plugin: Plugin, node: NodeDefinition<any, any>, param?: string): string {
  const base = `plugin ${plugin.package ?? plugin.namespace}, node ${plugin.namespace}.${node.name}`;
  return param ? `${base}, parameter "${param}"` : base;
}

function checkPortType(type: unknown, context: () => string): PortType {
  if (!(PORT_TYPES as readonly unknown[]).includes(type)) {
    throw new SousError(`${context()}: port type ${JSON.stringify(type)} is not one of ${PORT_TYPES.join(', ')}`);
  }
  return type as PortType;
}

function portSpecs(plugin: Plugin, node: NodeDefinition<any, any>): PortSpec[] {
  return Object.entries(node.inputs as Record<string, PortType | PortDecl>).map(([name, decl]) => {
    const context = () => `${where(plugin, node)}, input "${name}"`;
    if (typeof decl === 'string') return { name, type: checkPortType(decl, context) };
    const port: PortSpec = { name, type: checkPortType(decl.type, context) };
    if (decl.doc !== undefined) port.doc = decl.doc;
    if (decl.optional) port.optional = true;
    return port;
  });
}

/** The signature of one node: what a recipe may pass it and what it returns. */
export function nodeSignature(plugin: Plugin, node: NodeDefinition<any, any>): NodeSignature {
  let params: ParamSpec[];
  try {
    params = paramSpecs(node.params, (param) => where(plugin, node, param));
  } catch (error) {
    if (error instanceof ParamSchemaError) throw new SousError(error.message, { cause: error });
    throw error;
  }
  const signature: NodeSignature = {
    namespace: plugin.namespace,
    name: node.name,
    kind: node.kind,
    doc: node.doc,
    package: plugin.package ?? plugin.namespace,
    params,
    inputs: portSpecs(plugin, node),
    output: checkPortType(node.output, () => `${where(plugin, node)}, output`),
  };
  if (plugin.version !== undefined) signature.version = plugin.version;
  if (node.references?.length) signature.references = node.references;
  if (node.members) {
    signature.members = Object.fromEntries(Object.entries(node.members).map(([member, type]) =>
      [member, checkPortType(type, () => `${where(plugin, node)}, member "${member}"`)]));
  }
  return signature;
}

/** A plugin's signature; `package` falls back to the namespace for plugins built in memory. */
export function pluginSignature(plugin: Plugin): PluginSignature {
  const signature: PluginSignature = {
    package: plugin.package ?? plugin.namespace,
    namespace: plugin.namespace,
    nodes: plugin.nodes.map((node) => nodeSignature(plugin, node)),
  };
  if (plugin.version !== undefined) signature.version = plugin.version;
  return signature;
}

export function registryFromPlugins(plugins: Plugin[]): Registry {
  return staticRegistry(plugins.map(pluginSignature));
}
