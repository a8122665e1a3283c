// The registry interface: what the checker, the compiler, `sous nodes` and the language server
// know about nodes. The runtime (@sous/core) builds one from the plugins' `defineNode` calls;
// tests use a fixture registry. No tensors here.

/** What a port type is, as hover and completion show it. */
export interface PortTypeInfo {
  doc: string;
}

/** The types every recipe knows: values the runtime itself makes or reads, and literals. Plugins
 * add their own (`PluginSignature.types`); `Any` is for ports that truly take anything. */
export const BUILTIN_PORT_TYPES: Readonly<Record<string, PortTypeInfo>> = {
  Model: { doc: 'A model: trainable weights and the forward pass (a language model, a denoiser, a frozen copy).' },
  Task: { doc: 'A task: its train and test datasets, tokenizer and answer checker.' },
  Dataset: { doc: 'Examples (prompt, answer) of one split of a task.' },
  Batch: { doc: 'A batch of tokenised examples for one step.' },
  Pairs: { doc: 'Preference pairs (prompt, chosen, rejected), tokenised.' },
  Prompts: { doc: 'Prompts to sample completions for, with their reference answers.' },
  Rollouts: { doc: 'Sampled completions with their tokens and log-probabilities, grouped by prompt.' },
  Rewards: { doc: 'One reward per rollout.' },
  Advantages: { doc: 'One advantage per rollout (or per token).' },
  Mask: { doc: 'Which tokens of the rollouts count (1) and which do not (0).' },
  SequenceClassifier: {
    doc: 'A classifier over generated sequences, read window by window: log-probabilities of its classes for each window of each sequence.',
  },
  Loss: { doc: 'A scalar to minimise, computed inside the gradient computation.' },
  Tensor: { doc: 'A tensor.' },
  Samples: { doc: 'Samples drawn from a model.' },
  Tokenizer: { doc: 'Maps text to token ids and back.' },
  Metrics: { doc: 'Named numbers recorded in metrics.jsonl.' },
  Number: { doc: 'A number.' },
  String: { doc: 'A string.' },
  Bool: { doc: 'true or false.' },
  List: { doc: 'A list of literals.' },
  Any: { doc: 'Any value: for ports that take values of every type (each such port says why).' },
};

/** The name of a port type: a built-in one or one a plugin declares. */
export type PortType = string;

/** Dimensions of quantities written with a unit (`500steps`, `30s`, `2GiB`, `10%`). */
export type Dimension = 'count' | 'time' | 'memory' | 'percent';

/** A JSON value: what parameters hold once resolved. */
export type Value = number | string | boolean | null | Value[] | { [key: string]: Value };

export interface ParamSpec {
  name: string;
  type: 'number' | 'integer' | 'string' | 'boolean' | 'enum' | 'list';
  doc: string;
  /** True when the recipe must set it (no default). */
  required: boolean;
  default?: Value;
  /** Inclusive bounds unless the matching `*Exclusive` flag is set. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** For `enum`: the allowed strings. */
  values?: string[];
  /** For `list`: the element type (the bounds above apply to each element). */
  items?: 'number' | 'integer' | 'string' | 'boolean';
  /** For `list`: how many elements it may have (inclusive). */
  minItems?: number;
  maxItems?: number;
  /** A quantity's dimension: the parameter then accepts a plain number or a quantity of it. */
  dimension?: Dimension;
}

export interface PortSpec {
  name: string;
  type: PortType;
  doc?: string;
  optional?: boolean;
  /** The last port may take any number of positional arguments (at least one unless optional). */
  variadic?: boolean;
}

/** A published work a node implements: what `sous nodes` and `sous papers` show a user. */
export interface Reference {
  title: string;
  /** As the paper lists them, e.g. "Zhihong Shao, Peiyi Wang, Qihao Zhu, et al." */
  authors: string;
  year: number;
  /** Where to read it (arXiv abstract page, DOI or proceedings link). */
  url: string;
}

export interface NodeSignature {
  namespace: string;
  name: string;
  /** sampler, reward, advantage, mask, loss, model, task, eval, metric, op, or a plugin's own. */
  kind: string;
  doc: string;
  /** The npm package that declares it, and its version (shown in hover and `sous nodes`). */
  package: string;
  version?: string;
  params: ParamSpec[];
  /** Input ports in positional order; a call may also name them (`vocab: task.vocab`). */
  inputs: PortSpec[];
  output: PortType;
  /** Typed members of the output value (`task.train: Dataset`). */
  members?: Record<string, PortType>;
  /** The papers whose method the node implements. */
  references?: Reference[];
}

export interface PluginSignature {
  package: string;
  version?: string;
  namespace: string;
  nodes: NodeSignature[];
  /** The port types this plugin declares, by name (unique across the plugins of a registry). */
  types?: Record<string, PortTypeInfo>;
}

export interface Registry {
  /** The plugin a `use "<package>"` names, or undefined when it cannot be found. */
  plugin(packageName: string): PluginSignature | undefined;
  /** Every plugin the registry can offer (for suggestions and `sous nodes`). */
  plugins(): PluginSignature[];
  /** Why a package is absent (not installed, failed to load, exports no plugin), where the
   * registry knows: the checker's "package not found" diagnostic says it. */
  missing?: readonly { package: string; message: string }[];
}

/** Thrown when plugin signatures contradict each other or use a type nobody declares. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** Where a port type comes from: `built in` or the package that declares it. */
export interface PortTypeOrigin extends PortTypeInfo {
  name: string;
  /** The declaring package; undefined for a built-in type. */
  package?: string;
}

/** Every port type the plugins declare plus the built-ins, by name. Type names are one global
 * space (recipes never write them, messages read better without a prefix), so two plugins that
 * declare the same name are an error naming both. */
export function portTypesOf(plugins: readonly PluginSignature[]): Map<string, PortTypeOrigin> {
  const types = new Map<string, PortTypeOrigin>(
    Object.entries(BUILTIN_PORT_TYPES).map(([name, info]) => [name, { name, ...info }]),
  );
  for (const plugin of plugins) {
    for (const [name, info] of Object.entries(plugin.types ?? {})) {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
        throw new RegistryError(
          `plugin ${plugin.package} declares the port type ${JSON.stringify(name)}: a type name is a capitalised word, like Schedule`,
        );
      if (typeof info?.doc !== 'string' || !info.doc.trim())
        throw new RegistryError(`plugin ${plugin.package} declares the port type "${name}" without a doc`);
      const earlier = types.get(name);
      if (earlier) {
        throw new RegistryError(
          earlier.package === undefined
            ? `plugin ${plugin.package} declares the port type "${name}", which is built in`
            : `plugins ${earlier.package} and ${plugin.package} both declare the port type "${name}"; rename one`,
        );
      }
      types.set(name, { name, ...info, package: plugin.package });
    }
  }
  return types;
}

/** Throws a RegistryError for a port, output or member whose type `types` does not know, or a
 * variadic port that is not the last one. */
export function checkSignatureTypes(
  plugins: readonly PluginSignature[],
  types: ReadonlyMap<string, PortTypeOrigin>,
): void {
  for (const plugin of plugins) {
    for (const node of plugin.nodes) {
      const where = `plugin ${plugin.package}, node ${plugin.namespace}.${node.name}`;
      const known = (type: PortType, what: string) => {
        if (typeof type !== 'string' || !types.has(type)) {
          throw new RegistryError(
            `${where}, ${what}: port type ${JSON.stringify(type)} is neither built in nor declared by a loaded plugin (declare it in definePlugin({ types }))`,
          );
        }
      };
      node.inputs.forEach((port, index) => {
        known(port.type, `input "${port.name}"`);
        if (port.variadic && index !== node.inputs.length - 1)
          throw new RegistryError(`${where}, input "${port.name}": only the last input can be variadic`);
        // Several values reach a variadic port only positionally, so every port before it is given.
        if (port.optional && node.inputs.at(-1)?.variadic && index < node.inputs.length - 1) {
          throw new RegistryError(`${where}, input "${port.name}": an input before a variadic one cannot be optional`);
        }
      });
      known(node.output, 'output');
      for (const [member, type] of Object.entries(node.members ?? {})) known(type, `member "${member}"`);
    }
  }
}

/** A registry over a fixed list of plugin signatures; throws a RegistryError when their types
 * clash or a signature uses an undeclared type. */
export function staticRegistry(plugins: PluginSignature[]): Registry {
  checkSignatureTypes(plugins, portTypesOf(plugins));
  const byPackage = new Map(plugins.map((p) => [p.package, p]));
  return { plugin: (name) => byPackage.get(name), plugins: () => [...plugins] };
}

/** A port type by name: built in, or declared by one of the registry's plugins. */
export function findPortType(registry: Registry, name: PortType): PortTypeOrigin | undefined {
  if (Object.hasOwn(BUILTIN_PORT_TYPES, name)) return { name, ...BUILTIN_PORT_TYPES[name] };
  const plugin = registry.plugins().find((p) => p.types !== undefined && Object.hasOwn(p.types, name));
  return plugin && { name, ...plugin.types![name], package: plugin.package };
}

/** `Schedule (from @sous/diffusion)`, or just the name of a built-in type: how messages name a type. */
export function describePortType(registry: Registry, name: PortType): string {
  const origin = findPortType(registry, name);
  return origin?.package ? `${name} (from ${origin.package})` : name;
}
