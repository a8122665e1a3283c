// The workspace's publishable packages as the e2e publishes them: packed by `npm pack` (whose
// prepack strips the workspace-only `source` condition, as for a real release), unpacked into a
// scratch folder, and given the e2e's pre-release version there, with every dependency on another
// published package moved to that version. The workspace's own package.json files are not edited.
import fs from 'node:fs';
import path from 'node:path';
import { runAsync } from './exec.js';

export interface PackageManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
  private?: boolean;
  workspaces?: string[];
}

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] as const;

/** A pre-release version the public registry has never seen: `0.1.0-e2e.<UTC yyyymmddhhmmss>`. */
export function e2eVersion(base: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${base.replace(/-.*$/, '')}-e2e.${stamp}`;
}

/** The manifest as published at `version`: its version, and the range of each dependency on a
 * package in `published` set to `^version` (as `nx release` moves them, the caret kept). */
export function atVersion<T extends PackageManifest>(manifest: T, version: string, published: Set<string>): T {
  const out = structuredClone(manifest);
  out.version = version;
  for (const field of DEPENDENCY_FIELDS) {
    const deps = out[field];
    if (!deps) continue;
    for (const name of Object.keys(deps)) if (published.has(name)) deps[name] = `^${version}`;
  }
  return out;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

export function writeManifest(dir: string, manifest: PackageManifest): void {
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Packs the workspace's packages in `dirs` with one `npm pack` and unpacks each into a folder of
 * its own under `into`; returns those folders (each a tarball's `package/`), in the order of `dirs`. */
export async function packInto(root: string, dirs: string[], into: string): Promise<string[]> {
  fs.mkdirSync(into, { recursive: true });
  const workspaces = dirs.flatMap((dir) => ['--workspace', path.relative(root, dir)]);
  const pack = await runAsync('npm', ['pack', '--json', '--pack-destination', into, ...workspaces], root);
  // The JSON array, between the banners of the prepack and postpack scripts.
  const json = pack.out.slice(pack.out.indexOf('[\n'), pack.out.lastIndexOf('\n]') + 2);
  const packed = JSON.parse(json) as { name: string; filename: string }[];
  return Promise.all(
    dirs.map(async (dir) => {
      const { name } = readManifest(dir);
      const tarball = packed.find((entry) => entry.name === name);
      if (!tarball) throw new Error(`npm pack made no tarball of ${name}:\n${pack.out}`);
      const target = path.join(into, tarball.filename.replace(/\.tgz$/, ''));
      fs.mkdirSync(target);
      await runAsync('tar', ['-xzf', path.join(into, tarball.filename), '-C', target, '--strip-components=1'], into);
      return target;
    }),
  );
}
