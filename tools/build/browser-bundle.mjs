// One browser script (and the stylesheet its imports pull in) bundled by esbuild: an IIFE for
// ES2020 browsers, minified, with every dependency inside, so that a page can inline it and make
// no network request. build.mjs writes it into a package's dist at build time (a package's
// `sous.browserBundles`); @sous/report bundles its client from source with it when it runs
// from a source checkout, where dist may be older than the sources.
import { build } from 'esbuild';

/** @param {string} entry the script's source file @returns {Promise<{ script: string; style: string }>} */
export async function bundleBrowserScript(entry) {
  const result = await build({
    entryPoints: [entry],
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
  const text = (ext) =>
    result.outputFiles
      .filter((f) => f.path.endsWith(ext))
      .map((f) => f.text)
      .join('\n');
  return { script: text('.js'), style: text('.css') };
}
