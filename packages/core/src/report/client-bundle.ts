// The browser half of a report: client/main.ts with uPlot and the page styles, bundled by esbuild
// into one script and one stylesheet that the page inlines (a report makes no network request).
// Bundled on first use and kept for the process: about 0.1 s, once.
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SousError } from '../errors.js';

export interface ClientBundle {
  script: string;
  style: string;
}

/** The client entry from source (src/report/) or from the built package (dist/index.js, which
 * ships src/report beside it). */
function clientEntry(): string {
  const candidates = [new URL('./client/main.ts', import.meta.url), new URL('../src/report/client/main.ts', import.meta.url)];
  const found = candidates.map((url) => fileURLToPath(url)).find((file) => fs.existsSync(file));
  if (!found) throw new SousError(`the report's browser script is missing (looked for ${candidates.map((u) => fileURLToPath(u)).join(' and ')})`, { hint: 'Reinstall @sous/core.' });
  return found;
}

let cached: Promise<ClientBundle> | undefined;

export function clientBundle(): Promise<ClientBundle> {
  cached ??= (async () => {
    const result = await build({
      entryPoints: [clientEntry()],
      bundle: true,
      write: false,
      minify: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      outdir: 'out',
      legalComments: 'none',
      logLevel: 'silent',
    });
    const text = (ext: string) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
    return { script: text('.js'), style: text('.css') };
  })();
  cached.catch(() => { cached = undefined; });
  return cached;
}
