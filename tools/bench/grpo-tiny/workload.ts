// The grpo-tiny workload (shared/bench/grpo-tiny.md): sizes, hyperparameters and the
// deterministic data every implementation starts from. reference.py is the same in Python; the
// check test compares the two number for number, so a change here must be made there too.

export const SEED = 1234;
export const VOCAB = 64;
export const LAYERS = 4;
export const HEADS = 4;
export const D_MODEL = 128;
export const D_FF = 512;
export const CONTEXT = 64;
export const PROMPTS = 16;
export const GROUP = 8;
/** 16 prompts × group 8. */
export const SEQUENCES = PROMPTS * GROUP;
export const PROMPT_LENGTH = 16;
export const NEW_TOKENS = 32;
/** Prompt + completion. */
export const LENGTH = PROMPT_LENGTH + NEW_TOKENS;
export const CLIP = 0.2;
export const KL_WEIGHT = 0.04;
export const ADV_EPSILON = 1e-4;
export const ADAMW = { lr: 1e-5, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0 };
/** The check batch's step count. */
export const CHECK_STEPS = 5;

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

/** Per-layer names of the workload's matrices, in [in, out] layout, with their streams. */
const LAYER_MATRICES = [
  ['Wqkv', [D_MODEL, 3 * D_MODEL]],
  ['Wproj', [D_MODEL, D_MODEL]],
  ['Wfc', [D_MODEL, D_FF]],
  ['Wfc2', [D_FF, D_MODEL]],
] as const;

/** The seeded random weights under the workload's names (`wte`, `wpe`, `l<i>.Wqkv`, ..., `Whead`),
 * all in [in, out] layout. Biases (0) and LayerNorm weights (1) and biases (0) are not listed. */
export function randomWeights(): Map<string, WorkloadTensor> {
  const weights = new Map<string, WorkloadTensor>();
  const add = (name: string, stream: number, shape: readonly number[]) =>
    weights.set(name, { shape: [...shape], values: normals(stream, shape[0] * shape[1]) });
  add('wte', 0, [VOCAB, D_MODEL]);
  add('wpe', 1, [CONTEXT, D_MODEL]);
  for (let layer = 0; layer < LAYERS; layer++) {
    LAYER_MATRICES.forEach(([name, shape], k) => add(`l${layer}.${name}`, 2 + 4 * layer + k, shape));
  }
  add('Whead', 18, [D_MODEL, VOCAB]);
  return weights;
}

/** Prompt p, position j = U32(100, 16p + j) mod 64: [16][16]. */
export function prompts(): number[][] {
  return Array.from({ length: PROMPTS }, (_, p) =>
    Array.from({ length: PROMPT_LENGTH }, (_, j) => u32(100, PROMPT_LENGTH * p + j) % VOCAB),
  );
}

/** r[i] = top bit of U32(101, i), one per sequence. */
export function rewards(): Float32Array {
  return Float32Array.from({ length: SEQUENCES }, (_, i) => u32(101, i) >>> 31);
}

/** The check batch, [128, 48] row-major: sequence b is prompt floor(b / 8) then completion tokens
 * U32(102, 32b + j) mod 64. */
export function checkBatch(): Int32Array {
  const promptRows = prompts();
  const tokens = new Int32Array(SEQUENCES * LENGTH);
  for (let b = 0; b < SEQUENCES; b++) {
    tokens.set(promptRows[Math.floor(b / GROUP)], b * LENGTH);
    for (let j = 0; j < NEW_TOKENS; j++) tokens[b * LENGTH + PROMPT_LENGTH + j] = u32(102, NEW_TOKENS * b + j) % VOCAB;
  }
  return tokens;
}
