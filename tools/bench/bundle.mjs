// Bundles one measurement script of tools/bench to plain JavaScript with every package left
// external (so it runs on the packages' built JavaScript):
//   node tools/bench/bundle.mjs SCRIPT.ts OUT.mjs
// Run by compiled.ts in a process of its own (esbuild's plugins need its asynchronous API, the
// benchmarks' drivers are synchronous).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [script, outfile] = process.argv.slice(2);
if (!script || !outfile) {
  process.stderr.write('usage: node tools/bench/bundle.mjs SCRIPT.ts OUT.mjs\n');
  process.exit(2);
}

/** Each inlined module keeps its own `import.meta.url`: the scripts find their recipes and
 * reference scripts beside their sources, not beside the bundle. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, ({ path: file }) => ({
      contents: fs.readFileSync(file, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href)),
      loader: 'ts',
    }));
  },
};

await build({
  entryPoints: [script],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [ownUrls],
  logLevel: 'error',
});
