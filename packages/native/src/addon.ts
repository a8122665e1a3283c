// The sous native addon (packages/native): kernels in C over OpenBLAS, built by node-gyp when
// the package is installed. Each function reads and writes the wasm backend's heap in place: its
// arguments are the heap's ArrayBuffer, then byte offsets into it and sizes.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Heap = ArrayBuffer;

export interface NativeAddon {
  /** OpenBLAS's build configuration, the kernel set it chose for this CPU, OpenMP's thread count. */
  info(): { blas: string; core: string; threads: number };
  /** c[i] = op(a[i]) @ op(b[i]) (+ bias of n values or 1, or -1 for none) for i < batch; strides
   * in floats, 0 repeats a matrix. */
  gemm(
    heap: Heap,
    batch: number,
    m: number,
    n: number,
    k: number,
    a: number,
    aStride: number,
    b: number,
    bStride: number,
    c: number,
    transposeA: number,
    transposeB: number,
    bias: number,
    biasLength: number,
  ): void;
  /** out[i] = table[ids[i]] (rows of `width`); false, writing nothing, when an id is out of range. */
  gatherRows(heap: Heap, table: number, rows: number, width: number, ids: number, count: number, out: number): boolean;
  gelu(heap: Heap, x: number, y: number, count: number, tanhForm: number): void;
  geluGrad(heap: Heap, x: number, dy: number, dx: number, count: number, tanhForm: number): void;
  /** y = x·σ(x) (SiLU). */
  silu(heap: Heap, x: number, y: number, count: number): void;
  /** dx = dy·σ(x)·(1 + x·(1 − σ(x))). */
  siluGrad(heap: Heap, x: number, dy: number, dx: number, count: number): void;
  /** A dense layer: y = x [rows, inWidth] @ w [inWidth, outWidth] + b. */
  linear(heap: Heap, rows: number, inWidth: number, outWidth: number, x: number, w: number, b: number, y: number): void;
  /** Its gradients from dy [rows, outWidth]: dx = dy @ wᵀ, dw = xᵀ @ dy, db = 1ᵀ @ dy. */
  linearGrad(
    heap: Heap,
    rows: number,
    inWidth: number,
    outWidth: number,
    dy: number,
    x: number,
    w: number,
    dx: number,
    dw: number,
    db: number,
  ): void;
  /** A dense SiLU layer: pre = x [rows, inWidth] @ w [inWidth, outWidth] + b, y = silu(pre). */
  linearSilu(
    heap: Heap,
    rows: number,
    inWidth: number,
    outWidth: number,
    x: number,
    w: number,
    b: number,
    pre: number,
    y: number,
  ): void;
  /** Its gradients from dy [rows, outWidth]: dx = dpre @ wᵀ, dw = xᵀ @ dpre, db = 1ᵀ @ dpre, with
   * dpre = dy·silu'(pre). */
  linearSiluGrad(
    heap: Heap,
    rows: number,
    inWidth: number,
    outWidth: number,
    dy: number,
    x: number,
    w: number,
    pre: number,
    dx: number,
    dw: number,
    db: number,
  ): void;
  layerNorm(
    heap: Heap,
    x: number,
    w: number,
    b: number,
    rows: number,
    width: number,
    eps: number,
    y: number,
    xHat: number,
    inverseStd: number,
  ): void;
  layerNormGrad(
    heap: Heap,
    dy: number,
    xHat: number,
    inverseStd: number,
    w: number,
    rows: number,
    width: number,
    dx: number,
    dw: number,
    db: number,
  ): void;
  exp(heap: Heap, x: number, out: number, count: number): void;
  /** sin and cos exactly as the wasm backend's Sin and Cos kernels round them (csrc/sin_cos.c). */
  sin(heap: Heap, x: number, out: number, count: number): void;
  cos(heap: Heap, x: number, out: number, count: number): void;
  /** out = a (op) b with broadcasting; op 0 add, 1 subtract, 2 multiply, 3 divide, 4 squared
   * difference. `layout` is `rank` dims (the output's, collapsed: see broadcastLayout in
   * kernels.ts), then a's and b's strides in floats (0 where one repeats), the last ones 0 or 1. */
  broadcastBinary(heap: Heap, a: number, b: number, out: number, op: number, rank: number, ...layout: number[]): void;
  /** Copies src [outer, width] into columns column.. of out [outer, outWidth]: one input of a Concat. */
  concatRows(
    heap: Heap,
    src: number,
    out: number,
    outer: number,
    width: number,
    outWidth: number,
    column: number,
  ): void;
  /** Per row of logits [rows, vocab]: picked = the log-softmax at targets[r] (0 when the id is
   * outside [0, vocab)) and logSum = log Σ e^(x − max), which the gradient reuses. */
  tokenLogProb(
    heap: Heap,
    logits: number,
    targets: number,
    rows: number,
    vocab: number,
    picked: number,
    logSum: number,
  ): void;
  /** dx = dy·(onehot(target) − softmax(logits)) per row, the softmax recomputed from logSum. */
  tokenLogProbGrad(
    heap: Heap,
    dy: number,
    logits: number,
    targets: number,
    logSum: number,
    rows: number,
    vocab: number,
    dx: number,
  ): void;
  /** Causal attention of qkv's queries over its own keys/values (no past); probs [batch·heads, time, time]. */
  attention(
    heap: Heap,
    qkv: number,
    batch: number,
    time: number,
    heads: number,
    d: number,
    out: number,
    probs: number,
  ): void;
  /** Writes qkv's new keys/values into rows past.. of keys/values [batch, capacity, d] in place and
   * attends over rows 0..past+time. */
  attentionDecode(
    heap: Heap,
    qkv: number,
    keys: number,
    values: number,
    batch: number,
    time: number,
    past: number,
    capacity: number,
    heads: number,
    d: number,
    out: number,
  ): void;
  /** One transformer block of a decoding step (see FUSED_KERNELS.blockDecode): writes the new
   * keys/values into rows past.. of keys/values [batch, capacity, d] in place. */
  blockDecode(
    heap: Heap,
    h: number,
    ln1Weight: number,
    ln1Bias: number,
    attnWeight: number,
    attnBias: number,
    attnProjWeight: number,
    attnProjBias: number,
    ln2Weight: number,
    ln2Bias: number,
    fcWeight: number,
    fcBias: number,
    fcProjWeight: number,
    fcProjBias: number,
    keys: number,
    values: number,
    out: number,
    batch: number,
    time: number,
    past: number,
    capacity: number,
    heads: number,
    d: number,
    ff: number,
    eps: number,
    tanhForm: number,
  ): void;
  /** One Adam(W) update: m and v in place, the new weights into out (constants: adam.ts's Step). */
  adamUpdate(
    heap: Heap,
    count: number,
    param: number,
    grad: number,
    m: number,
    v: number,
    out: number,
    keep: number,
    penalty: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    correction2Sqrt: number,
    eps: number,
    stepSize: number,
  ): void;
  /** For each [offset, count] pair of `tensors`: Σ x[i]², each square and the running sum rounded
   * to float32, first to last (tfjs's Square + Sum), into out[t] (float32). Tensors are shared out
   * over the threads whole. */
  sumsOfSquares(heap: Heap, out: number, tensors: Float64Array): void;
  /** error = x − target, loss = mean_r(w_r·Σ_j error²)/width (FUSED_KERNELS.weightedSquaredError). */
  weightedSquaredError(
    heap: Heap,
    x: number,
    target: number,
    weight: number,
    rows: number,
    width: number,
    loss: number,
    error: number,
  ): void;
  /** dx = ((dy/width)/rows)·w_r·(error·2) */
  weightedSquaredErrorGrad(
    heap: Heap,
    dy: number,
    error: number,
    weight: number,
    rows: number,
    width: number,
    dx: number,
  ): void;
  attentionGrad(
    heap: Heap,
    dOut: number,
    qkv: number,
    probs: number,
    batch: number,
    time: number,
    heads: number,
    d: number,
    dqkv: number,
  ): void;
}

const require = createRequire(import.meta.url);

/** packages/native, from src (sources) or dist (the build). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'binding.gyp'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the @sous/native package folder was not found');
    dir = parent;
  }
  return dir;
}

/** The addon, or an Error saying why it cannot load. */
/** Every function of NativeAddon (a Record of all its keys: leaving one out does not compile). */
const ADDON_FUNCTIONS: Record<keyof NativeAddon, true> = {
  info: true,
  gemm: true,
  gatherRows: true,
  gelu: true,
  geluGrad: true,
  silu: true,
  siluGrad: true,
  linear: true,
  linearGrad: true,
  linearSilu: true,
  linearSiluGrad: true,
  layerNorm: true,
  layerNormGrad: true,
  exp: true,
  sin: true,
  cos: true,
  broadcastBinary: true,
  concatRows: true,
  tokenLogProb: true,
  tokenLogProbGrad: true,
  attention: true,
  attentionDecode: true,
  blockDecode: true,
  attentionGrad: true,
  adamUpdate: true,
  sumsOfSquares: true,
  weightedSquaredError: true,
  weightedSquaredErrorGrad: true,
};

/** The NativeAddon functions `addon` lacks: an addon built from older sources lacks the newer kernels. */
export function missingAddonFunctions(addon: object): string[] {
  return Object.keys(ADDON_FUNCTIONS).filter((name) => typeof (addon as Record<string, unknown>)[name] !== 'function');
}

export function loadNativeAddon(): NativeAddon {
  const file = path.join(packageRoot(), 'build', 'Release', 'sous_native.node');
  if (!existsSync(file))
    throw new Error('not built (`npm rebuild @sous/native` builds it; it needs g++ and libopenblas-dev)');
  const addon = require(file) as object;
  // build/ is not rebuilt by a pull.
  const missing = missingAddonFunctions(addon);
  if (missing.length > 0)
    throw new Error(
      `built from older sources (no ${missing.join(', ')}; \`npm rebuild @sous/native\` builds it again)`,
    );
  return addon as NativeAddon;
}
