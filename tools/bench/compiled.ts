// The benchmarks run sous as its users do: the packages' built JavaScript (what `npm ci` builds and
// npm publishes) in a plain Node process. A measurement script (TypeScript, beside its recipes) is
// bundled on its own into tools/bench/dist/ with every package left external (bundle.mjs), after
// `npm run bench` has rebuilt the packages from their sources, so a benchmark measures the tree as
// it is. Run through tsx instead, the same process holds tsx's loader thread and the source maps
// of every module: 90–100 MiB more resident memory than sous itself uses (2026-12-03, native
// backend: 135 MiB after loading the runtime and the diffusion plugin, 228–247 through tsx).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '../..');

const bundles = new Map<string, string>();

function bundle(script: string): string {
  const outfile = path.join(BENCH, 'dist', path.relative(BENCH, script).replace(/\.ts$/, '.mjs'));
  execFileSync(process.execPath, [path.join(BENCH, 'bundle.mjs'), script, outfile], { stdio: 'inherit' });
  return outfile;
}

/** Rebuilds the packages' JavaScript from their sources and the bench's own plugin
 * (`@sous/tool-bench/grpo`, which the grpo recipes use): `npm run bench` does it first. */
export function buildPackages(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'tools/build/build.mjs'), '--all', '--js-only'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  bundle(path.join(BENCH, 'grpo/plugin.ts'));
}

/** The path of `script` (a TypeScript file under tools/bench) bundled to plain JavaScript that
 * imports the built packages (see buildPackages); bundled once per process. */
export function compiledScript(script: string): string {
  let outfile = bundles.get(script);
  if (!outfile) {
    outfile = bundle(script);
    bundles.set(script, outfile);
  }
  return outfile;
}
