// The GRPO benchmark workloads (shared/bench/grpo-tiny.md, grpo-small.md): sizes,
// hyperparameters and the deterministic data every implementation starts from. reference.py is
// the same in Python; the check test compares the two number for number, so a change here must
// be made there too.

export const SEED = 1234;
export const CLIP = 0.2;
export const KL_WEIGHT = 0.04;
export const ADV_EPSILON = 1e-4;
export const ADAMW = { lr: 1e-5, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0 };
/** The check batch's step count. */
export const CHECK_STEPS = 5;

/** The sizes of one workload; everything else (streams, hyperparameters, timing) is shared. */
export interface Workload {
  name: WorkloadName;
  vocab: number;
  layers: number;
  heads: number;
  dModel: number;
  dFF: number;
  /** Learned positions. */
  context: number;
  prompts: number;
  group: number;
  /** prompts × group. */
  sequences: number;
  promptLength: number;
  newTokens: number;
  /** Prompt + completion: the sequence length of the GRPO step. */
  length: number;
}

function workload(name: WorkloadName, sizes: Omit<Workload, 'name' | 'sequences' | 'length'>): Workload {
  return {
    name,
    ...sizes,
    sequences: sizes.prompts * sizes.group,
    length: sizes.promptLength + sizes.newTokens,
  };
}

export const WORKLOAD_NAMES = ['grpo-tiny', 'grpo-small'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export const WORKLOADS: Record<WorkloadName, Workload> = {
  'grpo-tiny': workload('grpo-tiny', {
    vocab: 64,
    layers: 4,
    heads: 4,
    dModel: 128,
    dFF: 512,
    context: 64,
    prompts: 16,
    group: 8,
    promptLength: 16,
    newTokens: 32,
  }),
  'grpo-small': workload('grpo-small', {
    vocab: 256,
    layers: 6,
    heads: 8,
    dModel: 256,
    dFF: 1024,
    context: 128,
    prompts: 8,
    group: 8,
    promptLength: 32,
    newTokens: 64,
  }),
};

/** The workload of a `--workload` flag; an unknown name is an error naming the flag. */
export function workloadNamed(name: string): Workload {
  const found = WORKLOADS[name as WorkloadName];
  if (!found) throw new Error(`--workload: unknown workload "${name}"; choose from ${WORKLOAD_NAMES.join(', ')}`);
  return found;
}

/** Multiply–adds ×2 of one GRPO training step: the reference forward, the policy forward and its
 * backward (twice the forward), over every matrix product of the model — the figure behind
 * "achieved GFLOP/s". Attention's score and value products count; elementwise work does not. */
export function trainStepFlops(w: Workload): number {
  const tokens = w.sequences * w.length;
  const perTokenMatmul = w.layers * (3 * w.dModel ** 2 + w.dModel ** 2 + 2 * w.dModel * w.dFF) + w.dModel * w.vocab;
  // Causal attention: each query meets on average (length + 1) / 2 keys, twice (scores, values).
  const perTokenAttention = w.layers * 2 * w.dModel * ((w.length + 1) / 2);
  const forward = 2 * tokens * (perTokenMatmul + perTokenAttention);
  return 4 * forward;
}

/** "lowbias32" on unsigned 32-bit integers. */
export function hash32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** The i-th 32-bit value of stream s. */
export function u32(stream: number, index: number): number {
  const key = hash32((hash32(SEED) ^ stream) >>> 0);
  return hash32((key ^ index) >>> 0);
}

/** Uniform in (0, 1), float64. */
export function uniform(stream: number, index: number): number {
  return (u32(stream, index) + 0.5) / 2 ** 32;
}

/** n values N(0, 0.02²) of stream s (Box–Muller over pairs of uniforms), rounded to float32. */
export function normals(stream: number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let j = 0; 2 * j < n; j++) {
    const r = Math.sqrt(-2 * Math.log(uniform(stream, 2 * j)));
    const angle = 2 * Math.PI * uniform(stream, 2 * j + 1);
    out[2 * j] = r * Math.cos(angle) * 0.02;
    if (2 * j + 1 < n) out[2 * j + 1] = r * Math.sin(angle) * 0.02;
  }
  return out;
}

export interface WorkloadTensor {
  shape: number[];
  values: Float32Array;
}

/** Per-layer names of the workload's matrices, in [in, out] layout. */
const layerMatrices = (w: Workload) =>
  [
    ['Wqkv', [w.dModel, 3 * w.dModel]],
    ['Wproj', [w.dModel, w.dModel]],
    ['Wfc', [w.dModel, w.dFF]],
    ['Wfc2', [w.dFF, w.dModel]],
  ] as const;

/** The seeded random weights under the workload's names (`wte`, `wpe`, `l<i>.Wqkv`, ..., `Whead`),
 * all in [in, out] layout: stream 0 `wte`, 1 `wpe`, layer l's matrices 2 + 4l + {0,1,2,3}, then
 * `Whead`. Biases (0) and LayerNorm weights (1) and biases (0) are not listed. */
export function randomWeights(w: Workload): Map<string, WorkloadTensor> {
  const weights = new Map<string, WorkloadTensor>();
  const add = (name: string, stream: number, shape: readonly number[]) =>
    weights.set(name, { shape: [...shape], values: normals(stream, shape[0] * shape[1]) });
  add('wte', 0, [w.vocab, w.dModel]);
  add('wpe', 1, [w.context, w.dModel]);
  for (let layer = 0; layer < w.layers; layer++) {
    layerMatrices(w).forEach(([name, shape], k) => add(`l${layer}.${name}`, 2 + 4 * layer + k, shape));
  }
  add('Whead', 2 + 4 * w.layers, [w.dModel, w.vocab]);
  return weights;
}

/** Prompt p, position j = U32(100, promptLength·p + j) mod vocab: [prompts][promptLength]. */
export function prompts(w: Workload): number[][] {
  return Array.from({ length: w.prompts }, (_, p) =>
    Array.from({ length: w.promptLength }, (_, j) => u32(100, w.promptLength * p + j) % w.vocab),
  );
}

/** r[i] = top bit of U32(101, i), one per sequence. */
export function rewards(w: Workload): Float32Array {
  return Float32Array.from({ length: w.sequences }, (_, i) => u32(101, i) >>> 31);
}

/** The check batch, [sequences, length] row-major: sequence b is prompt floor(b / group) then
 * completion tokens U32(102, newTokens·b + j) mod vocab. */
export function checkBatch(w: Workload): Int32Array {
  const promptRows = prompts(w);
  const tokens = new Int32Array(w.sequences * w.length);
  for (let b = 0; b < w.sequences; b++) {
    tokens.set(promptRows[Math.floor(b / w.group)], b * w.length);
    for (let j = 0; j < w.newTokens; j++)
      tokens[b * w.length + w.promptLength + j] = u32(102, w.newTokens * b + j) % w.vocab;
  }
  return tokens;
}
