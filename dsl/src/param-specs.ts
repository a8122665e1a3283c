// zod parameter schemas → the ParamSpecs the checker, the compiler, `sous nodes` and the language
// server read. Plugin nodes (through @sous/core's registry) and the language's built-ins
// (builtins.ts) both go through here, so defaults, bounds, docs and `.meta({ dimension })` have one
// source: the schema the runtime parses with. The conversion reads zod's JSON Schema
// (`z.toJSONSchema`), a stable public description, rather than zod's internals.
import { z } from 'zod';
import type { Dimension, ParamSpec, Value } from './registry.js';

/** A schema sous cannot describe as parameters; @sous/core rethrows it as a SousError. */
export class ParamSchemaError extends Error {
  override name = 'ParamSchemaError';
}

/** The subset of JSON Schema that zod emits for the parameter shapes sous supports. */
interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
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
type ScalarType = NonNullable<ParamSpec['items']>;
const SCALAR_TYPES: readonly string[] = ['number', 'integer', 'string', 'boolean'];

/**
 * The parameters an object schema declares, in declaration order. `where(param)` names the owner
 * (and the parameter, when given) in errors: `plugin @x/y, node y.z, parameter "k"`.
 */
export function paramSpecs(schema: z.ZodObject, where: (param?: string) => string): ParamSpec[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch (error) {
    throw new ParamSchemaError(`${where()}: its params schema cannot be described (${(error as Error).message})`, {
      cause: error,
    });
  }
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) =>
    paramSpec(name, property, required.has(name), () => where(name)),
  );
}

/** The one non-null JSON type of a schema (`nullable()` adds "null"). */
function jsonType(schema: JsonSchema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
  return types.length === 1 ? types[0] : undefined;
}

/** String constants of an enum, a literal, or a union of literals; undefined for anything else. */
function stringChoices(schema: JsonSchema): string[] | undefined {
  const values =
    schema.enum ?? (schema.const !== undefined ? [schema.const] : schema.anyOf?.map((option) => option.const));
  if (!values || values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined;
  return values as string[];
}

/** Element schemas of a list: `z.array(x)` gives `items`, `z.tuple([...])` gives `prefixItems`. */
function listElements(schema: JsonSchema): JsonSchema[] {
  return schema.prefixItems ?? (typeof schema.items === 'object' ? [schema.items] : []);
}

/** The element type all of a list's elements share, or undefined. */
function listItems(elements: JsonSchema[]): ScalarType | undefined {
  const types = new Set(elements.map(jsonType));
  const [only] = types;
  return types.size === 1 && only && SCALAR_TYPES.includes(only) ? (only as ScalarType) : undefined;
}

/** zod writes `z.int()`'s implicit safe-integer range as bounds; those are no bounds to a user. */
function realBound(value: number | undefined): number | undefined {
  return value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/** The bounds of a number schema, as ParamSpec fields. */
function bounds(schema: JsonSchema): Pick<ParamSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive'> {
  const result: Pick<ParamSpec, 'min' | 'max' | 'minExclusive' | 'maxExclusive'> = {};
  const min = realBound(schema.exclusiveMinimum ?? schema.minimum);
  const max = realBound(schema.exclusiveMaximum ?? schema.maximum);
  if (min !== undefined) {
    result.min = min;
    if (schema.exclusiveMinimum !== undefined) result.minExclusive = true;
  }
  if (max !== undefined) {
    result.max = max;
    if (schema.exclusiveMaximum !== undefined) result.maxExclusive = true;
  }
  return result;
}

function paramSpec(name: string, schema: JsonSchema, required: boolean, context: () => string): ParamSpec {
  const spec: ParamSpec = { name, type: 'string', doc: schema.description ?? '', required };
  const choices = stringChoices(schema);
  const type = jsonType(schema);
  // A list's bounds are its elements' (ParamSpec has one set, checked on every element).
  let bounded = schema;
  if (choices) {
    spec.type = 'enum';
    spec.values = choices;
  } else if (type === 'array') {
    spec.type = 'list';
    const elements = listElements(schema);
    const items = listItems(elements);
    if (!items)
      throw new ParamSchemaError(
        `${context()}: a list parameter needs elements of one type (number, integer, string or boolean)`,
      );
    spec.items = items;
    const elementBounds = new Set(elements.map((element) => JSON.stringify(bounds(element))));
    if (elementBounds.size > 1)
      throw new ParamSchemaError(`${context()}: a list parameter needs the same bounds on every element`);
    bounded = elements[0];
    if (schema.minItems !== undefined && schema.minItems > 0) spec.minItems = schema.minItems;
    if (schema.maxItems !== undefined) spec.maxItems = schema.maxItems;
  } else if (type && SCALAR_TYPES.includes(type)) {
    spec.type = type as ScalarType;
  } else {
    throw new ParamSchemaError(
      `${context()}: sous parameters are numbers, integers, strings, booleans, enums or lists of those; this schema is ${JSON.stringify(schema.type ?? schema)}`,
    );
  }
  if (schema.default !== undefined) spec.default = schema.default as Value;
  Object.assign(spec, bounds(bounded));
  if (schema.dimension !== undefined) {
    if (!DIMENSIONS.includes(schema.dimension as Dimension)) {
      throw new ParamSchemaError(
        `${context()}: dimension ${JSON.stringify(schema.dimension)} is not one of ${DIMENSIONS.join(', ')}`,
      );
    }
    spec.dimension = schema.dimension as Dimension;
  }
  return spec;
}
