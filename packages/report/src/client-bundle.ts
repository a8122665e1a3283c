// The browser half of a report: client/main.ts with uPlot and the page styles, as one script and
// one stylesheet that the page inlines (a report makes no network request). The build bundles them
// into dist (report-client.js and .css; see `sous.browserBundles` in package.json), so an
// installed sous needs no bundler at run time. Running from a source checkout (tests, `--conditions
// source`), dist may be older than the sources: then they are bundled with the build's own
// esbuild helper, once per process.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SousError } from '@sous/core';

export interface ClientBundle {
  script: string;
  style: string;
}

/** The build tool's bundler, typed by tools/build/browser-bundle.d.mts. */
type BundleBrowserScript = typeof import('../../../tools/build/browser-bundle.mjs')['bundleBrowserScript'];

/** The client's entry when this module runs from src, else undefined (it runs from dist). */
function sourceEntry(): string | undefined {
  const entry = fileURLToPath(new URL('./client/main.ts', import.meta.url));
  return fs.existsSync(entry) ? entry : undefined;
}

async function bundleFromSource(entry: string): Promise<ClientBundle> {
  // A specifier the dist build does not follow: only a source checkout has tools/.
  const helper = new URL('../../../tools/build/browser-bundle.mjs', import.meta.url).href;
  const { bundleBrowserScript } = (await import(helper)) as { bundleBrowserScript: BundleBrowserScript };
  return bundleBrowserScript(entry);
}

/** The bundle the build shipped beside this module in dist. */
function readBuilt(): ClientBundle {
  const script = new URL('./report-client.js', import.meta.url),
    style = new URL('./report-client.css', import.meta.url);
  try {
    return { script: fs.readFileSync(script, 'utf8'), style: fs.readFileSync(style, 'utf8') };
  } catch (error) {
    throw new SousError(`the report's browser script is missing (${(error as Error).message})`, {
      hint: 'Reinstall @sous/core, or run `npm run build` in a checkout.',
      cause: error,
    });
  }
}

let cached: Promise<ClientBundle> | undefined;

export function clientBundle(): Promise<ClientBundle> {
  cached ??= (async () => {
    const entry = sourceEntry();
    return entry ? bundleFromSource(entry) : readBuilt();
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
