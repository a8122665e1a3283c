// Tensor backends: which ones this machine can run, and selecting one. Preference order:
// TensorFlow on a GPU (tfjs-node-gpu), WebGPU (Dawn through the `webgpu` package), TensorFlow on
// the CPU (tfjs-node), native (the wasm backend with sous's OpenBLAS kernels, @sous/native), wasm
// (always shipped), cpu (the plain-JS reference). The native ones are
// optional dependencies, imported only here and only when probed, never at module load.
//
// Installing: tfjs-node and tfjs-node-gpu download libtensorflow 2.9.1 in their install scripts
// (allowed in the root package.json's `allowScripts`). Offline that download fails, npm drops the
// optional package and `npm ci` still succeeds; the backend then reports "not installed". A copy
// installed with scripts disabled lacks its binding and reports "installed without its native
// TensorFlow library". WebGPU needs `webgpu` (Dawn, prebuilt in the package) and
// `@tensorflow/tfjs-backend-webgpu`, both optional and pure downloads.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SousError, tf, type Tf } from '@sous/core';
import type { NativeAddon } from '@sous/native';

export const BACKEND_NAMES = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'native', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendStatus {
  name: BackendName;
  available: boolean;
  /** Why not: "not installed", "no adapter", or the error that loading it raised. */
  reason?: string;
  /** What an available backend runs on, where it says (native: the BLAS, its kernels, threads). */
  detail?: string;
}

export interface SelectedBackend {
  name: BackendName;
  tf: Tf;
}

export interface SelectOptions {
  /** Availability to select from instead of probing (tests). */
  probes?: BackendStatus[];
  /** Environment to read SOUS_BACKEND from (default process.env). */
  env?: Record<string, string | undefined>;
}

const require = createRequire(import.meta.url);
const execFileAsync = promisify(execFile);

/** The TensorFlow.js backend each sous backend registers (both tfjs-node builds register "tensorflow"). */
const TF_BACKEND: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  webgpu: 'webgpu',
  tensorflow: 'tensorflow',
  native: 'wasm',
  wasm: 'wasm',
  cpu: 'cpu',
};

class NotInstalled extends Error {}

/** Imports an optional package; a missing package (not a missing file inside it) is NotInstalled. */
async function importOptional(specifier: string): Promise<any> {
  try {
    return await import(specifier);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message ?? '';
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${specifier}'`)) throw new NotInstalled(specifier);
    throw error;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? 'failed to load'
  );
}

// ---- loaders: each registers its backend with tfjs or throws why it cannot

/** Loads tfjs-node-gpu; available only when TensorFlow found a GPU (it silently falls back to the CPU). */
async function loadTensorflowGpu(): Promise<void> {
  if (!tf.findBackendFactory('tensorflow')) await importOptional('@tensorflow/tfjs-node-gpu');
  const backend = tf.findBackend('tensorflow') as { isUsingGpuDevice?: boolean } | null;
  if (!backend?.isUsingGpuDevice) throw new Error('no GPU device (TensorFlow would run on the CPU)');
}

async function loadTensorflowCpu(): Promise<void> {
  // One process can hold one TensorFlow binding: reuse the GPU build's when it is loaded already.
  if (tf.findBackendFactory('tensorflow')) return;
  try {
    await importOptional('@tensorflow/tfjs-node');
  } catch (error) {
    if (!(error instanceof NotInstalled)) throw error;
    // The GPU build runs on the CPU too where it finds no GPU.
    try {
      await importOptional('@tensorflow/tfjs-node-gpu');
    } catch (gpuError) {
      throw gpuError instanceof NotInstalled ? error : gpuError;
    }
  }
}

/** Asks Dawn for an adapter in a child process: Dawn prints its driver warnings straight to the
 * process's stderr, and a broken GPU driver can crash the process that loads it. */
async function findWebgpuAdapter(): Promise<void> {
  let entry: string;
  try {
    entry = require.resolve('webgpu');
  } catch {
    throw new NotInstalled('webgpu');
  }
  const script = `const { create } = await import(${JSON.stringify(pathToFileURL(entry).href)});
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
process.stdout.write(adapter ? 'adapter' : 'none');
process.exit(0);`;
  const { stdout, stderr } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
    timeout: 20_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? error.message,
  }));
  if (stdout === 'adapter') return;
  // Dawn's first warning says why (e.g. "Couldn't load Vulkan: libvulkan.so.1: cannot open ...").
  const detail = stderr
    .split('\n')
    .map((line) => line.replace(/^Warning:\s*/, '').trim())
    .find((line) => line !== '');
  if (stdout === 'none') throw new Error(detail ? `no adapter (${detail})` : 'no adapter');
  throw new Error(detail ?? 'Dawn failed to start');
}

let webgpuLoaded = false;

/** Dawn has to find an adapter; on machines without a GPU it refuses software Vulkan drivers. */
async function loadWebgpu(): Promise<void> {
  if (webgpuLoaded) return;
  await findWebgpuAdapter();
  try {
    require.resolve('@tensorflow/tfjs-backend-webgpu');
  } catch {
    throw new NotInstalled('@tensorflow/tfjs-backend-webgpu');
  }
  const dawn = await importOptional('webgpu');
  // tfjs-backend-webgpu reads the browser globals: navigator.gpu and the GPU* constants.
  const scope = globalThis as { navigator?: object };
  Object.assign(scope, dawn.globals);
  scope.navigator ??= {};
  Object.defineProperty(scope.navigator, 'gpu', { value: dawn.create([]), configurable: true });
  await importOptional('@tensorflow/tfjs-backend-webgpu');
  webgpuLoaded = true;
}

let wasmLoaded = false;

/** The wasm backend loads its .wasm binaries from its package's dist/ folder on disk, which works
 * from source, from a build and when sous is installed as a dependency. It runs single-threaded:
 * tfjs disables the threaded build in Node (it passes a blob: worker URL that Node's workers
 * reject with ERR_WORKER_PATH); a worker shim starts it, but measured gains were small. SIMD is used
 * where WebAssembly validates it, as in Node 20. */
async function loadWasm(): Promise<void> {
  if (wasmLoaded) return;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const distDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(distDir + path.sep);
  wasmLoaded = true;
}

let nativeAddon: NativeAddon | undefined;
let nativeKernels: typeof import('@sous/native') | undefined;

/** The wasm backend plus the native addon (@sous/native, an optional dependency), whose kernels
 * are switched in when it is selected. */
async function loadNative(): Promise<void> {
  const native: typeof import('@sous/native') = await importOptional('@sous/native');
  nativeAddon ??= native.loadNativeAddon();
  nativeKernels = native;
  await loadWasm();
}

/** The native backend's BLAS, kernel set and thread count, once it has been loaded. */
export function nativeBackendInfo(): { blas: string; core: string; threads: number } | undefined {
  return nativeAddon?.info();
}

const LOADERS: Record<BackendName, () => Promise<void>> = {
  'tensorflow-gpu': loadTensorflowGpu,
  webgpu: loadWebgpu,
  tensorflow: loadTensorflowCpu,
  native: loadNative,
  wasm: loadWasm,
  cpu: async () => {
    // The cpu backend greets Node users with a multi-line "install tfjs-node" banner on its first
    // tensor; sous prints its own backend line and `sous doctor` explains the options.
    const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
    if (backend) backend.firstUse = false;
  },
};

const PACKAGES: Record<BackendName, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  webgpu: 'webgpu',
  tensorflow: '@tensorflow/tfjs-node',
  native: '@sous/native',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs',
};

/** Why a backend failed to load, in a few words. */
function failureReason(name: BackendName, error: unknown): string {
  if (error instanceof NotInstalled)
    return error.message === PACKAGES[name] ? 'not installed' : `not installed (${error.message})`;
  const text = firstLine(error);
  // tfjs-node installs its TensorFlow library from its install script, which needs the network.
  if (text.includes('tfjs_binding.node')) {
    return `installed without its native TensorFlow library (run \`npm rebuild ${PACKAGES[name]}\` where the network is reachable)`;
  }
  return text;
}

async function probe(name: BackendName): Promise<BackendStatus> {
  try {
    await LOADERS[name]();
    if (name === 'native') {
      const { blas, core, threads } = nativeBackendInfo()!;
      // OpenBLAS obeys OPENBLAS_CORETYPE over its own detection: say so, it can cost much speed.
      const chosen = process.env.OPENBLAS_CORETYPE ? `${core} kernels from OPENBLAS_CORETYPE` : `${core} kernels`;
      return {
        name,
        available: true,
        detail: `${blas.split(' ').slice(0, 2).join(' ')} (${chosen}), ${threads} threads`,
      };
    }
    return { name, available: true };
  } catch (error) {
    return { name, available: false, reason: failureReason(name, error) };
  }
}

const probes = new Map<BackendName, Promise<BackendStatus>>();

/** Probes one backend, once per process. Probing loads an installed native binding but does not
 * switch the active backend. */
function probeOnce(name: BackendName): Promise<BackendStatus> {
  let status = probes.get(name);
  if (!status) {
    status = probe(name);
    probes.set(name, status);
  }
  return status;
}

/** The status of every backend, in preference order. */
export async function probeBackends(): Promise<BackendStatus[]> {
  const statuses: BackendStatus[] = [];
  for (const name of BACKEND_NAMES) statuses.push(await probeOnce(name));
  return statuses;
}

/** Statuses in preference order up to the first available one: what automatic selection needs,
 * without loading the backends it would not pick. */
async function probeUntilAvailable(): Promise<BackendStatus[]> {
  const statuses: BackendStatus[] = [];
  for (const name of BACKEND_NAMES) {
    const status = await probeOnce(name);
    statuses.push(status);
    if (status.available) break;
  }
  return statuses;
}

/** The requested backend's status when it is available; every status (for the error) when not. */
async function probeForRequest(wanted: string): Promise<BackendStatus[]> {
  if (isBackendName(wanted)) {
    const status = await probeOnce(wanted);
    if (status.available) return [status];
  }
  return probeBackends();
}

function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/** The backend `selectBackend` would pick from these statuses: `requested` when given, else the
 * first available in BACKEND_NAMES order. `source` names where the request came from in errors. */
export function chooseBackend(statuses: BackendStatus[], requested?: string, source = '--backend'): BackendName {
  const available = statuses.filter((s) => s.available).map((s) => s.name);
  const list = available.length > 0 ? available.join(', ') : 'none';
  if (requested !== undefined && requested !== '') {
    if (!isBackendName(requested)) {
      throw new SousError(`unknown backend "${requested}"; the backends are ${BACKEND_NAMES.join(', ')}`, {
        file: source,
        hint: `Available on this machine: ${list}.`,
      });
    }
    const status = statuses.find((s) => s.name === requested);
    if (!status?.available) {
      throw new SousError(`backend "${requested}" is not available here (${status?.reason ?? 'not probed'})`, {
        file: source,
        hint: `Available on this machine: ${list}. Run \`sous doctor\` for details.`,
      });
    }
    return requested;
  }
  const first = statuses.find((s) => s.available);
  if (!first)
    throw new SousError('no tensor backend is available', { hint: 'Run `sous doctor` to see why each one failed.' });
  return first.name;
}

let active: BackendName | undefined;

/** Selects and initialises a backend (tf.setBackend + tf.ready): `requested` (from `--backend`)
 * or else $SOUS_BACKEND, or else the first available. Calling it again for the active backend is
 * cheap. Unknown or unavailable names are a SousError naming the available ones. */
export async function selectBackend(requested?: string, options: SelectOptions = {}): Promise<SelectedBackend> {
  const envValue = (options.env ?? process.env).SOUS_BACKEND;
  const source = requested ? '--backend' : 'SOUS_BACKEND';
  const wanted = requested || envValue || undefined;
  const statuses = options.probes ?? (wanted ? await probeForRequest(wanted) : await probeUntilAvailable());
  const name = chooseBackend(statuses, wanted, source);
  if (active === name && tf.getBackend() === TF_BACKEND[name]) return { name, tf };
  try {
    await LOADERS[name]();
    if (!(await tf.setBackend(TF_BACKEND[name])))
      throw new Error(`TensorFlow.js could not initialise "${TF_BACKEND[name]}"`);
    await tf.ready();
    if (name === 'native') nativeKernels!.installNativeKernels(nativeAddon!);
    else nativeKernels?.removeNativeKernels();
  } catch (error) {
    throw new SousError(`backend "${name}" failed to start: ${firstLine(error)}`, {
      cause: error,
      hint: 'Choose another with --backend; `sous doctor` lists them.',
    });
  }
  active = name;
  return { name, tf };
}
