// The registry interface: what the checker, the compiler, `sous nodes` and the language server
// know about nodes. The runtime (@sous/core) builds one from the plugins' `defineNode` calls;
// tests use a fixture registry. No tensors here.

/** Types that flow along edges between nodes. */
export const PORT_TYPES = [
  'Model', 'Task', 'Dataset', 'Batch', 'Pairs', 'Prompts', 'Rollouts', 'Rewards', 'Advantages', 'Mask',
  'Loss', 'Tensor', 'Samples', 'Tokenizer', 'Metrics', 'Number', 'String', 'Bool', 'List', 'Any',
] as const;
export type PortType = (typeof PORT_TYPES)[number];

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

/** A registry over a fixed list of plugin signatures. */
export function staticRegistry(plugins: PluginSignature[]): Registry {
  const byPackage = new Map(plugins.map((p) => [p.package, p]));
  return { plugin: (name) => byPackage.get(name), plugins: () => [...plugins] };
}
