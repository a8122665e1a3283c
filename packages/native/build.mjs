// Builds the native addon (build/Release/sous_native.node) with node-gyp when @sous/native is
// installed. It needs a C compiler, Node's headers and OpenBLAS (Debian: g++ libopenblas-dev).
// A failed build is not an install failure: the "native" backend then reports why it is missing
// (`sous doctor`) and sous runs on wasm. SOUS_SKIP_NATIVE=1 skips the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function nodeGyp() {
  // npm tells its lifecycle scripts where its bundled node-gyp is.
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  return candidates.find((file) => file && existsSync(file));
}

/** Node's own headers when they are installed beside it (so node-gyp needs no download). */
function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

function main() {
  if (process.env.SOUS_SKIP_NATIVE === '1') return console.log('sous: native kernels skipped (SOUS_SKIP_NATIVE=1)');
  const gyp = nodeGyp();
  if (!gyp) return console.warn('sous: native kernels not built: node-gyp not found; the wasm backend will be used');
  const dir = nodeDir();
  const args = [gyp, 'rebuild', ...(dir ? [`--nodedir=${dir}`] : [])];
  const result = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8' });
  if (result.status === 0) return console.log('sous: native kernels built (OpenBLAS)');
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  const reason = output
    .split('\n')
    .find((line) => /error|not found|No such file/i.test(line) && !line.startsWith('gyp info'))
    ?.trim();
  console.warn(
    `sous: native kernels not built (${reason ?? `node-gyp exited with ${result.status}`}); the wasm backend will be used.`,
  );
  console.warn('sous: on Debian/Ubuntu `apt-get install g++ libopenblas-dev`, then `npm rebuild @sous/native`.');
}

main();
