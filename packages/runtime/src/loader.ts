// Loads the plugin packages a recipe names with `use "<package>"`. A package is looked up the way
// Node resolves an import from the recipe's folder (node_modules there and in every parent), then
// beside sous itself, so a recipe anywhere can use the first-party plugins installed with sous.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PluginSignature, Registry } from '@sous/dsl';
import { moduleResolve } from 'import-meta-resolve';
import semver from 'semver';
import { SousError, type Plugin, checkedRegistry, formatSousError, kit, pluginSignature } from '@sous/core';

/** The plugins that ship with sous (`sous nodes` lists those that load). */
export const FIRST_PARTY_PLUGINS: readonly string[] = [
  '@sous/tasks',
  '@sous/models',
  '@sous/samplers',
  '@sous/rewards',
  '@sous/objectives',
  '@sous/diffusion',
  '@sous/music-seq2seq',
  '@sous/unlearning',
];

/** A `use`d package that could not be loaded, and a one-paragraph why. */
export interface MissingPlugin {
  package: string;
  message: string;
}

export interface LoadedPlugins {
  plugins: Plugin[];
  missing: MissingPlugin[];
}

/** A registry of the plugins that loaded, and the reasons for those that did not. */
export interface LoadedRegistry extends Registry {
  /** The loaded definitions (with `run`), for the executor. */
  loaded: Plugin[];
  missing: MissingPlugin[];
}

/** Export conditions this process resolves with: Node's own plus any `--conditions` flag (tests
 * run with `--conditions=source`, which maps first-party packages to their TypeScript sources). */
function activeConditions(): Set<string> {
  const conditions = new Set(['node', 'import']);
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  args.forEach((arg, i) => {
    const inline = /^(?:--conditions|-C)=(.+)$/.exec(arg);
    if (inline) conditions.add(inline[1]);
    else if ((arg === '--conditions' || arg === '-C') && args[i + 1]) conditions.add(args[i + 1]);
  });
  return conditions;
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}

/** The URL of the package's entry as seen from `fromDir`, else from sous's own install. */
function resolvePackage(name: string, fromDir: string): URL | undefined {
  const conditions = activeConditions();
  const parents = [pathToFileURL(path.join(path.resolve(fromDir), 'noop.js')), new URL(import.meta.url)];
  for (const parent of parents) {
    try {
      return moduleResolve(name, parent, conditions);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return undefined;
}

interface Manifest {
  name?: string;
  version?: string;
  peerDependencies?: Record<string, string>;
}

/** The package.json that holds `entry` (the nearest one naming the package). */
function packageManifest(name: string, entry: URL): Manifest | undefined {
  let dir = path.dirname(fileURLToPath(entry));
  while (true) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
      if (json.name === name) return json;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Why the plugin cannot run with this kit, or undefined when it can. A plugin declares the sous
 * versions it supports as its peer dependency on @sous/core (none declared: not checked). */
function unsupportedSous(name: string, manifest: Manifest | undefined): string | undefined {
  const range = manifest?.peerDependencies?.['@sous/core'];
  if (range === undefined) return undefined;
  const which = `plugin package "${name}"${manifest?.version ? ` ${manifest.version}` : ''}`;
  if (semver.validRange(range) === null)
    return `${which} declares an invalid range of sous versions, peerDependencies["@sous/core"] = "${range}"`;
  if (semver.satisfies(kit.version, range, { includePrerelease: true })) return undefined;
  return `${which} supports sous ${range} (its peerDependencies["@sous/core"]) but this is sous ${kit.version} (${kit.path}); install a version of "${name}" made for sous ${kit.version}, or a sous in ${range}`;
}

/** A plugin-shaped export: a namespace and nodes that each have a name and a run function. */
function asPlugin(candidate: unknown): Plugin | undefined {
  const plugin = candidate as Partial<Plugin> | undefined;
  if (typeof plugin !== 'object' || plugin === null) return undefined;
  if (typeof plugin.namespace !== 'string' || !Array.isArray(plugin.nodes)) return undefined;
  const nodesValid = plugin.nodes.every((node) => typeof node?.name === 'string' && typeof node?.run === 'function');
  return nodesValid ? (plugin as Plugin) : undefined;
}

function firstLine(error: unknown): string {
  // By name: a SousError from a second copy of the kit is not an instance of this copy's class.
  const text =
    error instanceof Error && error.name === 'SousError'
      ? formatSousError(error as SousError)
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'unknown error'
  );
}

async function loadPlugin(name: string, fromDir: string): Promise<Plugin | MissingPlugin> {
  let entry: URL | undefined;
  try {
    entry = resolvePackage(name, fromDir);
  } catch (error) {
    return { package: name, message: `plugin package "${name}" cannot be resolved: ${firstLine(error)}` };
  }
  if (!entry) {
    return {
      package: name,
      message: `plugin package "${name}" is not installed (looked in ${path.resolve(fromDir)}, its parent folders and beside sous); install it with \`npm install ${name}\``,
    };
  }
  const manifest = packageManifest(name, entry);
  const unsupported = unsupportedSous(name, manifest);
  if (unsupported) return { package: name, message: unsupported };
  let exports: Record<string, unknown>;
  try {
    exports = await import(entry.href);
  } catch (error) {
    return { package: name, message: `plugin package "${name}" failed to load: ${firstLine(error)}` };
  }
  const plugin = asPlugin(exports.default) ?? asPlugin(exports.plugin);
  if (!plugin) {
    return {
      package: name,
      message: `package "${name}" loaded but exports no plugin: its entry must \`export default definePlugin({ namespace, nodes })\` (or export it as \`plugin\`)`,
    };
  }
  return { ...plugin, package: name, version: manifest?.version ?? plugin.version };
}

/** Loads each package (in order, once) from `fromDir` upwards, then beside sous. Failures are
 * returned, not thrown, so the checker can report each at its `use` line. */
export async function loadPlugins(packages: readonly string[], fromDir: string): Promise<LoadedPlugins> {
  const result: LoadedPlugins = { plugins: [], missing: [] };
  for (const name of new Set(packages)) {
    const loaded = await loadPlugin(name, fromDir);
    if ('nodes' in loaded) result.plugins.push(loaded);
    else result.missing.push(loaded);
  }
  return result;
}

/** loadPlugins + registryFromPlugins: `registry.plugin(name)` is undefined for a package that
 * is missing or whose nodes cannot be described, and `missing` says why. */
export async function loadRegistry(packages: readonly string[], fromDir: string): Promise<LoadedRegistry> {
  const { plugins, missing } = await loadPlugins(packages, fromDir);
  const loaded: Plugin[] = [];
  const signatures: PluginSignature[] = [];
  for (const plugin of plugins) {
    try {
      signatures.push(pluginSignature(plugin));
      loaded.push(plugin);
    } catch (error) {
      if (!(error instanceof SousError)) throw error;
      missing.push({ package: plugin.package!, message: error.message });
    }
  }
  return { ...checkedRegistry(signatures), loaded, missing };
}
