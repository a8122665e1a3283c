// Running reference.py: finding a Python whose torch imports (Debian's python3-torch lives in
// /usr/bin/python3, which a pyenv or venv python3 on PATH hides) and the environment its
// timings need.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference.py');
const INSTALL_HINT =
  'Install it with `apt-get install -y python3-torch libopenblas0-pthread` (Debian), or point SOUS_BENCH_PYTHON at a Python that has torch.';

let found: string | undefined;

/** The first of $SOUS_BENCH_PYTHON, python3, /usr/bin/python3 that imports torch. */
export function torchPython(): string {
  if (found) return found;
  const candidates = [process.env.SOUS_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string =>
    Boolean(c),
  );
  for (const python of candidates) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return (found = python);
  }
  throw new Error(`PyTorch is not installed for ${candidates.join(', ')}. ${INSTALL_HINT}`);
}

/** What is missing for reference.py to run, with how to install it, or undefined when torch imports. */
export function torchMissing(): string | undefined {
  try {
    torchPython();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The environment of a timed run (PyTorch and sous alike): OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE unset (they pick a slow kernel on these machines), and OMP_WAIT_POLICY when
 * given. */
export function benchEnv(ompWaitPolicy?: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (ompWaitPolicy) env.OMP_WAIT_POLICY = ompWaitPolicy;
  else delete env.OMP_WAIT_POLICY;
  return env;
}

/** Runs a workload's reference script (grpo's reference.py by default) with `args`, `input` on its
 * stdin; its last stdout line parsed as JSON. */
export function runReference(
  args: string[],
  ompWaitPolicy?: string,
  options: { script?: string; input?: string } = {},
): unknown {
  const out = execFileSync(torchPython(), [options.script ?? SCRIPT, ...args], {
    env: benchEnv(ompWaitPolicy),
    encoding: 'utf8',
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}
