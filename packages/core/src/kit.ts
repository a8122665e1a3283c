// One kit per process. Plugins list @sous/core under peerDependencies so that they share sous's
// copy: a second copy would mean a second node registry, a second SousError class and a second
// TensorFlow.js engine, and fail in ways far from the cause. The kit registers itself on
// globalThis when it loads; a copy from another folder that loads later refuses to, naming both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SousError } from './errors.js';

/** A loaded copy of the kit: its package folder and version. */
export interface KitCopy {
  path: string;
  version: string;
}

const KEY = Symbol.for('@sous/core');
// src/ and dist/ (entries and chunks) both sit one folder below the package.json.
const manifest = new URL('../package.json', import.meta.url);
const here: KitCopy = {
  path: path.dirname(fileURLToPath(manifest)),
  version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version,
};
const slot = globalThis as typeof globalThis & { [KEY]?: KitCopy };
const first = slot[KEY];
if (first !== undefined && first.path !== here.path) {
  throw new SousError(
    `two copies of the sous kit in one process: @sous/core ${first.version} at ${first.path} and @sous/core ${here.version} at ${here.path}`,
    {
      hint: 'A plugin must list @sous/core under peerDependencies, not dependencies, so that it uses the copy sous loads; remove the second copy (fix the plugin, then reinstall or `npm dedupe`).',
    },
  );
}
slot[KEY] = first ?? here;

/** The copy of the kit this process runs (the first to load). */
export const kit: KitCopy = slot[KEY];
