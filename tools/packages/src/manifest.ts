// What every publishable package's package.json must say beyond what publint checks.
import fs from 'node:fs';
import path from 'node:path';

export interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  keywords?: string[];
  engines?: Record<string, string>;
  files?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  publishConfig?: { access?: string };
}

/** The folders of the packages that are published: dsl/ and each packages/* that is not private. */
export function publishableDirs(root: string): string[] {
  const dirs = [path.join(root, 'dsl')];
  for (const name of fs.readdirSync(path.join(root, 'packages')).sort()) {
    const file = path.join(root, 'packages', name, 'package.json');
    if (fs.existsSync(file) && !(JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest).private)
      dirs.push(path.dirname(file));
  }
  return dirs;
}

/** Plugins share sous's copies of these: a second copy is a second registry or tfjs engine. */
const SHARED = ['@sous/core', '@tensorflow/tfjs'];

/** What is wrong with the manifest of the package in `folder` (relative to the root), if anything. */
export function manifestProblems(pkg: Manifest, folder: string, isPlugin: boolean): string[] {
  const problems: string[] = [];
  if (!pkg.license) problems.push('no `license`');
  if (!pkg.engines?.node) problems.push('no `engines.node`');
  if (!pkg.files?.includes('README.md')) problems.push('`files` does not list README.md');
  if (!pkg.repository?.url || pkg.repository.directory !== folder)
    problems.push(`\`repository\` must give the url and \`directory: "${folder}"\``);
  if (!pkg.keywords?.includes('sous')) problems.push('`keywords` lacks "sous"');
  if (isPlugin !== Boolean(pkg.keywords?.includes('sous-plugin')))
    problems.push(isPlugin ? '`keywords` lacks "sous-plugin"' : '`keywords` has "sous-plugin" but it is no plugin');
  if (pkg.name.startsWith('@') && pkg.publishConfig?.access !== 'public')
    problems.push('a scoped package needs `publishConfig.access: "public"`');
  if (!pkg.scripts?.prepack?.includes('pack-manifest.mjs strip') || !pkg.scripts?.postpack?.includes('restore'))
    problems.push(
      'no prepack/postpack through tools/build/pack-manifest.mjs (the `source` condition would be published)',
    );
  if (isPlugin) {
    for (const name of SHARED) {
      if (pkg.dependencies?.[name]) problems.push(`lists ${name} under dependencies: a plugin takes it as a peer`);
      if (!pkg.peerDependencies?.[name] || !pkg.devDependencies?.[name])
        problems.push(`${name} must be a peerDependency (and a devDependency)`);
    }
  }
  return problems;
}
