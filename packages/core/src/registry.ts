// Plugin definitions → the registry that the checker, the compiler, `sous nodes` and the language
// server read. Parameter specs come from each node's zod schema through its JSON Schema
// (`z.toJSONSchema`), so defaults, bounds, docs and `.meta({ dimension })` have one source.
import { PORT_TYPES, staticRegistry } from '@sous/dsl';
import type { Dimension, NodeSignature, ParamSpec, PluginSignature, PortSpec, PortType, Registry, Value } from '@sous/dsl';
import { z } from 'zod';
import { SousError } from './errors.js';
import type { NodeDefinition, Plugin, PortDecl } from './plugin.js';

/** The subset of JSON Schema that zod emits for the parameter shapes sous supports. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema | boolean;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  dimension?: unknown;
}

const DIMENSIONS: readonly Dimension[] = ['count', 'time', 'memory', 'percent'];
type ScalarType = 'number' | 'integer' | 'string' | 'boolean';
const SCALAR_TYPES: readonly string[] = ['number', 'integer', 'string', 'boolean'];

/** Where a schema problem is, for error messages. */
function where(plugin: Plugin, node: NodeDefinition<any, any>, param?: string): string {
  const base = `plugin ${plugin.package ?? plugin.namespace}, node ${plugin.namespace}.${node.name}`;
  return param ? `${base}, parameter "${param}"` : base;
}

/** The one non-null JSON type of a schema (`nullable()` adds "null"). */
function jsonType(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
  return types.length === 1 ? types[0] : undefined;
}

/** String constants of an enum, a literal, or a union of literals; undefined for anything else. */
function stringChoices(schema: JsonSchema): string[] | undefined {
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : schema.anyOf?.map((option) => option.const));
  if (!values || values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
  return values as string[];
}

/** Element type of a list: `z.array(x)` gives `items`, `z.tuple([...])` gives `prefixItems`. */
function listItems(schema: JsonSchema): ScalarType | undefined {
  const elements = schema.prefixItems ?? (typeof schema.items === 'object' ? [schema.items] : []);
  const types = new Set(elements.map(jsonType));
  const [only] = types;
  return types.size === 1 && only && SCALAR_TYPES.includes(only) ? (only as ScalarType) : undefined;
}

/** zod writes `z.int()`'s implicit safe-integer range as bounds; those are no bounds to a user. */
function realBound(value: number | undefined): number | undefined {
  return value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

function paramSpec(name: string, schema: JsonSchema, required: boolean, context: () => string): ParamSpec {
  const spec: ParamSpec = { name, type: 'string', doc: schema.description ?? '', required };
  const choices = stringChoices(schema);
  const type = jsonType(schema);
  if (choices) {
    spec.type = 'enum';
    spec.values = choices;
  } else if (type === 'array') {
    spec.type = 'list';
    const items = listItems(schema);
    if (!items) throw new SousError(`${context()}: a list parameter needs elements of one type (number, integer, string or boolean)`);
    spec.items = items;
  } else if (type && SCALAR_TYPES.includes(type)) {
    spec.type = type as ScalarType;
  } else {
    throw new SousError(`${context()}: sous parameters are numbers, integers, strings, booleans, enums or lists of those; this schema is ${JSON.stringify(schema.type ?? schema)}`);
  }
  if (schema.default !== undefined) spec.default = schema.default as Value;

  const min = realBound(schema.exclusiveMinimum ?? schema.minimum);
  const max = realBound(schema.exclusiveMaximum ?? schema.maximum);
  if (min !== undefined) {
    spec.min = min;
    if (schema.exclusiveMinimum !== undefined) spec.minExclusive = true;
  }
  if (max !== undefined) {
    spec.max = max;
    if (schema.exclusiveMaximum !== undefined) spec.maxExclusive = true;
  }
  if (schema.dimension !== undefined) {
    if (!DIMENSIONS.includes(schema.dimension as Dimension)) {
      throw new SousError(`${context()}: dimension ${JSON.stringify(schema.dimension)} is not one of ${DIMENSIONS.join(', ')}`);
    }
    spec.dimension = schema.dimension as Dimension;
  }
  return spec;
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
  let schema: JsonSchema;
  try {
    schema = z.toJSONSchema(node.params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch (error) {
    throw new SousError(`${where(plugin, node)}: its params schema cannot be described (${(error as Error).message})`, { cause: error });
  }
  const required = new Set(schema.required ?? []);
  const params = Object.entries(schema.properties ?? {}).map(([name, property]) =>
    paramSpec(name, property, required.has(name), () => where(plugin, node, name)));
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
