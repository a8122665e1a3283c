// Plugin definitions → the registry that the checker, the compiler, `sous nodes` and the language
// server read. Parameter specs come from each node's zod schema through @sous/dsl's `paramSpecs`,
// the conversion the language's built-ins use too.
import { ParamSchemaError, paramSpecs, RegistryError, staticRegistry } from '@sous/dsl';
import type { NodeSignature, ParamSpec, PluginSignature, PortSpec, PortType, Registry } from '@sous/dsl';
import { SousError } from './errors.js';
import type { NodeDefinition, OutputDecl, Plugin, PortDecl, PortTypeName } from './plugin.js';

/** Where a schema problem is, for error messages. */
function where(plugin: Plugin, node: NodeDefinition<any, any, any>, param?: string): string {
  const base = `plugin ${plugin.package ?? plugin.namespace}, node ${plugin.namespace}.${node.name}`;
  return param ? `${base}, parameter "${param}"` : base;
}

/** The type of a port or output; an `Any` must say why no narrower type fits. Whether the type
 * exists is checked over all plugins at once (`staticRegistry`). */
function portType(decl: PortTypeName | PortDecl | Exclude<OutputDecl, string>, context: () => string): PortType {
  const { type, why } = typeof decl === 'string' ? { type: decl, why: undefined } : decl;
  if (type === 'Any' && !why?.trim()) {
    throw new SousError(
      `${context()}: an Any port needs a reason, { type: 'Any', why: '…' }; declare a port type in definePlugin({ types }) where one fits`,
    );
  }
  return type;
}

function portSpecs(plugin: Plugin, node: NodeDefinition<any, any, any>): PortSpec[] {
  return Object.entries(node.inputs as Record<string, PortTypeName | PortDecl>).map(([name, decl]) => {
    const port: PortSpec = { name, type: portType(decl, () => `${where(plugin, node)}, input "${name}"`) };
    if (typeof decl === 'string') return port;
    if (decl.doc !== undefined) port.doc = decl.doc;
    if (decl.optional) port.optional = true;
    if (decl.variadic) port.variadic = true;
    return port;
  });
}

/** The signature of one node: what a recipe may pass it and what it returns. */
export function nodeSignature(plugin: Plugin, node: NodeDefinition<any, any, any>): NodeSignature {
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
    output: portType(node.output, () => `${where(plugin, node)}, output`),
  };
  if (plugin.version !== undefined) signature.version = plugin.version;
  if (node.references?.length) signature.references = node.references;
  if (node.members) {
    signature.members = Object.fromEntries(
      Object.entries(node.members).map(([member, type]) => [
        member,
        portType(type, () => `${where(plugin, node)}, member "${member}"`),
      ]),
    );
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
  if (plugin.types !== undefined) signature.types = plugin.types;
  return signature;
}

/** The registry over `signatures`; a SousError names the plugin and node whose port type is
 * declared nowhere, or the two plugins that declare the same type. */
export function checkedRegistry(signatures: PluginSignature[]): Registry {
  try {
    return staticRegistry(signatures);
  } catch (error) {
    if (error instanceof RegistryError) throw new SousError(error.message);
    throw error;
  }
}

export function registryFromPlugins(plugins: Plugin[]): Registry {
  return checkedRegistry(plugins.map(pluginSignature));
}
