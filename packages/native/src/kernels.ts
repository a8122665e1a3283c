// Native kernels for the wasm backend. While the "native" sous backend is selected they replace the
// wasm backend's kernels of the same names, and add fused kernels (FUSED_KERNELS) that layers use
// where the active backend has them. Tensors stay in the wasm heap; the addon works on it in place.
import { backend_util, util } from '@tensorflow/tfjs';
import { FUSED_KERNELS, tf } from '@sous/core';
import type { NativeAddon } from './addon.js';

interface WasmBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: string): tf.TensorInfo;
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
}
type Inputs = Record<string, tf.TensorInfo | undefined>;
interface KernelArgs {
  inputs: Inputs;
  backend: WasmBackend;
  attrs: Record<string, unknown>;
}
type Kernel = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * How a binary operation walks its operands: `shape` (the broadcast output shape of a and b)
 * with its size-1 dimensions dropped and neighbours merged where each operand either runs through
 * both or repeats over both, as [dims…, a's strides…, b's strides…] in floats (0: repeated).
 * The last dimension is contiguous in the output and each operand's stride there is 0 or 1; one
 * shape is one dimension, a scalar operand a stride of 0. undefined beyond 9 dimensions.
 */
function broadcastLayout(
  aShape: readonly number[],
  bShape: readonly number[],
  shape: readonly number[],
): number[] | undefined {
  const dims: number[] = [],
    kinds: number[] = [];
  shape.forEach((n, d) => {
    if (n === 1) return;
    // Bit 1: a repeats along d; bit 2: b does (never both: the output has n > 1 there).
    const aDim = aShape[d - shape.length + aShape.length] ?? 1,
      bDim = bShape[d - shape.length + bShape.length] ?? 1;
    const kind = (aDim === 1 ? 1 : 0) | (bDim === 1 ? 2 : 0);
    if (kinds.length > 0 && kinds[kinds.length - 1] === kind) dims[dims.length - 1] *= n;
    else {
      dims.push(n);
      kinds.push(kind);
    }
  });
  if (dims.length === 0) {
    dims.push(1);
    kinds.push(0);
  }
  if (dims.length > 9) return undefined;
  const aStrides = dims.map(() => 0),
    bStrides = dims.map(() => 0);
  let aStep = 1,
    bStep = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    if (!(kinds[d] & 1)) {
      aStrides[d] = aStep;
      aStep *= dims[d];
    }
    if (!(kinds[d] & 2)) {
      bStrides[d] = bStep;
      bStep *= dims[d];
    }
  }
  return dims.concat(aStrides, bStrides);
}

function nativeKernels(addon: NativeAddon): Record<string, (fallback?: Kernel) => Kernel> {
  const heap = (backend: WasmBackend) => backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const at = (backend: WasmBackend, t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;

  // Fused activations run as the wasm backend's own activation kernels on the product (wasm's
  // fused kernel adds the bias wrongly when b is transposed or batched, so it is no fallback).
  const activations: Record<
    string,
    (attrs: Record<string, unknown>, inputs: Inputs) => [string, Inputs, Record<string, unknown>]
  > = {
    relu: () => ['Relu', {}, {}],
    relu6: () => ['Relu6', {}, {}],
    elu: () => ['Elu', {}, {}],
    sigmoid: () => ['Sigmoid', {}, {}],
    leakyrelu: (attrs) => ['LeakyRelu', {}, { alpha: attrs.leakyreluAlpha ?? 0.2 }],
    prelu: (_, inputs) => ['Prelu', { alpha: inputs.preluActivationWeights }, {}],
  };

  const matMul =
    (fused: boolean) =>
    (fallback?: Kernel): Kernel =>
    (args) => {
      const { inputs, backend, attrs } = args;
      const { a, b, bias } = inputs;
      const activation = fused ? String(attrs.activation ?? 'linear') : 'linear';
      const transposeA = Boolean(attrs.transposeA),
        transposeB = Boolean(attrs.transposeB);
      const ra = a!.shape.length,
        rb = b!.shape.length;
      const m = transposeA ? a!.shape[ra - 1] : a!.shape[ra - 2];
      const k = transposeA ? a!.shape[ra - 2] : a!.shape[ra - 1];
      const n = transposeB ? b!.shape[rb - 2] : b!.shape[rb - 1];
      // Throws as the other backends do when the batch shapes do not broadcast.
      const outerShape = backend_util.assertAndGetBroadcastShape(a!.shape.slice(0, -2), b!.shape.slice(0, -2));
      const batch = size(outerShape),
        batchA = size(a!.shape.slice(0, -2)),
        batchB = size(b!.shape.slice(0, -2));
      // Natively: each operand is one matrix for all, or one per output matrix, and the bias is a
      // vector of n or 1 values; anything else keeps the wasm kernel.
      const supported =
        a!.dtype === 'float32' &&
        b!.dtype === 'float32' &&
        (batchA === 1 || batchA === batch) &&
        (batchB === 1 || batchB === batch) &&
        (!bias || (bias.shape.length === 1 && (bias.shape[0] === n || bias.shape[0] === 1))) &&
        (activation === 'linear' || activation in activations);
      if (!supported) return fallback!(args);
      const product = backend.makeOutput([...outerShape, m, n], 'float32');
      addon.gemm(
        heap(backend),
        batch,
        m,
        n,
        k,
        at(backend, a!),
        batchA === 1 ? 0 : m * k,
        at(backend, b!),
        batchB === 1 ? 0 : k * n,
        at(backend, product),
        transposeA ? 1 : 0,
        transposeB ? 1 : 0,
        bias ? at(backend, bias) : -1,
        bias ? bias.shape[0] : 0,
      );
      if (activation === 'linear') return product;
      const [name, extraInputs, activationAttrs] = activations[activation](attrs, inputs);
      const activated = tf.getKernel(name, 'wasm')!.kernelFunc({
        inputs: { x: product, ...extraInputs },
        backend,
        attrs: activationAttrs,
      } as never) as tf.TensorInfo;
      backend.disposeData(product.dataId);
      return activated;
    };

  // Elementwise binary operations with numpy broadcasting (every pair of shapes tfjs accepts, up
  // to 9 dimensions once collapsed); other dtypes keep the wasm kernels.
  const binary =
    (op: number) =>
    (fallback?: Kernel): Kernel =>
    (args) => {
      const {
        inputs: { a, b },
        backend,
      } = args;
      if (a!.dtype !== 'float32' || b!.dtype !== 'float32') return fallback!(args);
      // Throws as the other backends do when the shapes do not broadcast.
      const shape = backend_util.assertAndGetBroadcastShape(a!.shape, b!.shape);
      const layout = broadcastLayout(a!.shape, b!.shape, shape);
      if (!layout) return fallback!(args);
      const out = backend.makeOutput(shape, 'float32');
      if (size(shape) > 0)
        addon.broadcastBinary(
          heap(backend),
          at(backend, a!),
          at(backend, b!),
          at(backend, out),
          op,
          layout.length / 3,
          ...layout,
        );
      return out;
    };

  // Tensors are immutable: the copy shares the data, as the cpu backend's Identity does (tfjs
  // clones every tensor a gradient saves; wasm's Identity copies it).
  const share = (x: tf.TensorInfo, backend: WasmBackend): tf.TensorInfo => {
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };

  /** An elementwise float32 kernel of the addon; other dtypes keep the wasm kernel. */
  const unary =
    (name: 'exp' | 'sin' | 'cos' | 'silu') =>
    (fallback?: Kernel): Kernel =>
    (args) => {
      const {
        inputs: { x },
        backend,
      } = args;
      if (x!.dtype !== 'float32') return fallback!(args);
      const out = backend.makeOutput(x!.shape, 'float32');
      addon[name](heap(backend), at(backend, x!), at(backend, out), size(x!.shape));
      return out;
    };

  return {
    // Tensors are immutable: the copy shares the data, as the cpu backend's Identity does (tfjs
    // clones every tensor a gradient saves; wasm's Identity copies it).
    Identity:
      () =>
      ({ inputs: { x }, backend }) =>
        share(x!, backend),
    // A cast to the tensor's own dtype is a copy: shared as Identity is (wasm copies it).
    Cast: (fallback) => (args) =>
      args.inputs.x!.dtype === args.attrs.dtype ? share(args.inputs.x!, args.backend) : fallback!(args),
    Add: binary(0),
    Sub: binary(1),
    Multiply: binary(2),
    RealDiv: binary(3),
    SquaredDifference: binary(4),
    // Float32 inputs along any axis: each is a [outer, width] matrix copied into its columns.
    Concat: (fallback) => (args) => {
      const inputs = args.inputs as unknown as tf.TensorInfo[];
      const { backend } = args;
      const nonEmpty = inputs.filter((t) => size(t.shape) > 0);
      // One non-empty input (a copy) and no float32 ones stay with wasm, as do its shape errors.
      if (nonEmpty.length < 2 || inputs.some((t) => t.dtype !== 'float32')) return fallback!(args);
      const axis = util.parseAxisParam(args.attrs.axis as number, inputs[0].shape)[0];
      const shapes = inputs.map((t) => t.shape);
      backend_util.assertParamsConsistent(shapes, axis);
      const shape = backend_util.computeOutShape(shapes, axis);
      const out = backend.makeOutput(shape, 'float32');
      const outer = size(shape.slice(0, axis)),
        outWidth = size(shape.slice(axis));
      let column = 0;
      for (const t of nonEmpty) {
        const width = size(t.shape.slice(axis));
        addon.concatRows(heap(backend), at(backend, t), at(backend, out), outer, width, outWidth, column);
        column += width;
      }
      return out;
    },
    Exp: unary('exp'),
    Sin: unary('sin'),
    Cos: unary('cos'),
    BatchMatMul: matMul(false),
    _FusedMatMul: matMul(true),
    GatherV2: (fallback) => (args) => {
      const {
        inputs: { x, indices },
        backend,
        attrs,
      } = args;
      if (
        x!.dtype !== 'float32' ||
        indices!.dtype !== 'int32' ||
        x!.shape.length !== 2 ||
        Number(attrs.axis) !== 0 ||
        Number(attrs.batchDims ?? 0) !== 0
      ) {
        return fallback!(args);
      }
      const out = backend.makeOutput([...indices!.shape, x!.shape[1]], 'float32');
      const written = addon.gatherRows(
        heap(backend),
        at(backend, x!),
        x!.shape[0],
        x!.shape[1],
        at(backend, indices!),
        size(indices!.shape),
        at(backend, out),
      );
      if (written) return out;
      backend.disposeData(out.dataId);
      return fallback!(args);
    },
    [FUSED_KERNELS.gelu]:
      () =>
      ({ inputs: { x }, backend, attrs }) => {
        const out = backend.makeOutput(x!.shape, 'float32');
        addon.gelu(heap(backend), at(backend, x!), at(backend, out), size(x!.shape), attrs.tanh ? 1 : 0);
        return out;
      },
    [FUSED_KERNELS.geluGrad]:
      () =>
      ({ inputs: { x, dy }, backend, attrs }) => {
        const out = backend.makeOutput(x!.shape, 'float32');
        addon.geluGrad(
          heap(backend),
          at(backend, x!),
          at(backend, dy!),
          at(backend, out),
          size(x!.shape),
          attrs.tanh ? 1 : 0,
        );
        return out;
      },
    [FUSED_KERNELS.silu]: unary('silu'),
    [FUSED_KERNELS.siluGrad]:
      () =>
      ({ inputs: { x, dy }, backend }) => {
        const out = backend.makeOutput(x!.shape, 'float32');
        addon.siluGrad(heap(backend), at(backend, x!), at(backend, dy!), at(backend, out), size(x!.shape));
        return out;
      },
    [FUSED_KERNELS.linear]:
      () =>
      ({ inputs: { x, weight, bias }, backend }) => {
        const [rows, inWidth] = x!.shape,
          outWidth = weight!.shape[1];
        const y = backend.makeOutput([rows, outWidth], 'float32');
        addon.linear(
          heap(backend),
          rows,
          inWidth,
          outWidth,
          at(backend, x!),
          at(backend, weight!),
          at(backend, bias!),
          at(backend, y),
        );
        return y;
      },
    [FUSED_KERNELS.linearGrad]:
      () =>
      ({ inputs: { dy, x, weight }, backend }) => {
        const [rows, inWidth] = x!.shape,
          outWidth = weight!.shape[1];
        const dx = backend.makeOutput([rows, inWidth], 'float32');
        const dw = backend.makeOutput([inWidth, outWidth], 'float32');
        const db = backend.makeOutput([outWidth], 'float32');
        addon.linearGrad(
          heap(backend),
          rows,
          inWidth,
          outWidth,
          at(backend, dy!),
          at(backend, x!),
          at(backend, weight!),
          at(backend, dx),
          at(backend, dw),
          at(backend, db),
        );
        return [dx, dw, db];
      },
    [FUSED_KERNELS.linearSilu]:
      () =>
      ({ inputs: { x, weight, bias }, backend }) => {
        const [rows, inWidth] = x!.shape,
          outWidth = weight!.shape[1];
        const y = backend.makeOutput([rows, outWidth], 'float32');
        const pre = backend.makeOutput([rows, outWidth], 'float32');
        addon.linearSilu(
          heap(backend),
          rows,
          inWidth,
          outWidth,
          at(backend, x!),
          at(backend, weight!),
          at(backend, bias!),
          at(backend, pre),
          at(backend, y),
        );
        return [y, pre];
      },
    [FUSED_KERNELS.linearSiluGrad]:
      () =>
      ({ inputs: { dy, x, weight, pre }, backend }) => {
        const [rows, inWidth] = x!.shape,
          outWidth = weight!.shape[1];
        const dx = backend.makeOutput([rows, inWidth], 'float32');
        const dw = backend.makeOutput([inWidth, outWidth], 'float32');
        const db = backend.makeOutput([outWidth], 'float32');
        addon.linearSiluGrad(
          heap(backend),
          rows,
          inWidth,
          outWidth,
          at(backend, dy!),
          at(backend, x!),
          at(backend, weight!),
          at(backend, pre!),
          at(backend, dx),
          at(backend, dw),
          at(backend, db),
        );
        return [dx, dw, db];
      },
    [FUSED_KERNELS.layerNorm]:
      () =>
      ({ inputs: { x, weight, bias }, backend, attrs }) => {
        const [rows, width] = x!.shape;
        const y = backend.makeOutput([rows, width], 'float32');
        const xHat = backend.makeOutput([rows, width], 'float32');
        const inverseStd = backend.makeOutput([rows, 1], 'float32');
        addon.layerNorm(
          heap(backend),
          at(backend, x!),
          at(backend, weight!),
          at(backend, bias!),
          rows,
          width,
          Number(attrs.eps),
          at(backend, y),
          at(backend, xHat),
          at(backend, inverseStd),
        );
        return [y, xHat, inverseStd];
      },
    [FUSED_KERNELS.layerNormGrad]:
      () =>
      ({ inputs: { dy, xHat, inverseStd, weight }, backend }) => {
        const [rows, width] = dy!.shape;
        const dx = backend.makeOutput([rows, width], 'float32');
        const dw = backend.makeOutput([width], 'float32');
        const db = backend.makeOutput([width], 'float32');
        addon.layerNormGrad(
          heap(backend),
          at(backend, dy!),
          at(backend, xHat!),
          at(backend, inverseStd!),
          at(backend, weight!),
          rows,
          width,
          at(backend, dx),
          at(backend, dw),
          at(backend, db),
        );
        return [dx, dw, db];
      },
    [FUSED_KERNELS.tokenLogProb]:
      () =>
      ({ inputs: { logits, targets }, backend }) => {
        const [rows, vocab] = logits!.shape;
        const picked = backend.makeOutput([rows], 'float32');
        const logSum = backend.makeOutput([rows], 'float32');
        addon.tokenLogProb(
          heap(backend),
          at(backend, logits!),
          at(backend, targets!),
          rows,
          vocab,
          at(backend, picked),
          at(backend, logSum),
        );
        return [picked, logSum];
      },
    [FUSED_KERNELS.tokenLogProbGrad]:
      () =>
      ({ inputs: { dy, logits, targets, logSum }, backend }) => {
        const [rows, vocab] = logits!.shape;
        const dx = backend.makeOutput([rows, vocab], 'float32');
        addon.tokenLogProbGrad(
          heap(backend),
          at(backend, dy!),
          at(backend, logits!),
          at(backend, targets!),
          at(backend, logSum!),
          rows,
          vocab,
          at(backend, dx),
        );
        return dx;
      },
    [FUSED_KERNELS.attention]:
      () =>
      ({ inputs: { qkv }, backend, attrs }) => {
        const batch = Number(attrs.batch),
          time = Number(attrs.time),
          heads = Number(attrs.heads);
        const d = qkv!.shape[1] / 3;
        const out = backend.makeOutput([batch * time, d], 'float32');
        const probs = backend.makeOutput([batch * heads, time, time], 'float32');
        addon.attention(heap(backend), at(backend, qkv!), batch, time, heads, d, at(backend, out), at(backend, probs));
        return [out, probs];
      },
    // Writes into its `keys` and `values` inputs: the one kernel here that mutates a tensor. That
    // is safe only because the caller (a model's KV cache) allocated them itself, so no other
    // tensor shares their data id, and never hands them out (see GptKvCache). The wasm backend
    // reads a tensor's values from the heap on every read, so nothing stale is cached elsewhere.
    [FUSED_KERNELS.attentionDecode]:
      () =>
      ({ inputs: { qkv, keys, values }, backend, attrs }) => {
        const batch = Number(attrs.batch),
          time = Number(attrs.time),
          past = Number(attrs.past);
        const [, capacity, d] = keys!.shape;
        const out = backend.makeOutput([batch * time, d], 'float32');
        addon.attentionDecode(
          heap(backend),
          at(backend, qkv!),
          at(backend, keys!),
          at(backend, values!),
          batch,
          time,
          past,
          capacity,
          Number(attrs.heads),
          d,
          at(backend, out),
        );
        return out;
      },
    [FUSED_KERNELS.blockDecode]:
      () =>
      ({ inputs, backend, attrs }) => {
        const { h, keys, values, attnWeight, attnProjWeight, fcWeight, fcProjWeight } = inputs;
        const [, capacity, d] = keys!.shape;
        const ff = fcWeight!.shape[1];
        // The addon reads the heap at these offsets: shapes that do not fit would read past a tensor.
        const fits = [
          [h!, [Number(attrs.batch) * Number(attrs.time), d]],
          [attnWeight!, [d, 3 * d]],
          [attnProjWeight!, [d, d]],
          [fcWeight!, [d, ff]],
          [fcProjWeight!, [ff, d]],
        ].every(([t, shape]) => util.arraysEqual((t as tf.TensorInfo).shape, shape as number[]));
        if (!fits)
          throw new Error(
            'SousBlockDecode: the block weights do not fit h [batch·time, d] and keys [batch, capacity, d]',
          );
        const out = backend.makeOutput(h!.shape, 'float32');
        const offset = (name: string) => at(backend, inputs[name]!);
        addon.blockDecode(
          heap(backend),
          at(backend, h!),
          offset('ln1Weight'),
          offset('ln1Bias'),
          offset('attnWeight'),
          offset('attnBias'),
          offset('attnProjWeight'),
          offset('attnProjBias'),
          offset('ln2Weight'),
          offset('ln2Bias'),
          offset('fcWeight'),
          offset('fcBias'),
          offset('fcProjWeight'),
          offset('fcProjBias'),
          at(backend, keys!),
          at(backend, values!),
          at(backend, out),
          Number(attrs.batch),
          Number(attrs.time),
          Number(attrs.past),
          capacity,
          Number(attrs.heads),
          d,
          ff,
          Number(attrs.eps),
          attrs.tanh ? 1 : 0,
        );
        return out;
      },
    // Every variable of a step in one kernel call: inputs [param, grad, m, v] per variable. Writes
    // into the `m` and `v` inputs, which the optimizer owns alone (adam.ts checks that no other
    // tensor shares their storage), as its host loop does.
    [FUSED_KERNELS.adamUpdate]: () => (args) => {
      const inputs = args.inputs as unknown as tf.TensorInfo[];
      const { backend, attrs } = args;
      const outs: tf.TensorInfo[] = [];
      for (let k = 0; k < inputs.length; k += 4) {
        const [param, grad, m, v] = inputs.slice(k, k + 4);
        const out = backend.makeOutput(param.shape, 'float32');
        addon.adamUpdate(
          heap(backend),
          size(param.shape),
          at(backend, param),
          at(backend, grad),
          at(backend, m),
          at(backend, v),
          at(backend, out),
          Number(attrs.keep),
          Number(attrs.penalty),
          Number(attrs.beta1),
          Number(attrs.oneMinusBeta1),
          Number(attrs.beta2),
          Number(attrs.oneMinusBeta2),
          Number(attrs.correction2Sqrt),
          Number(attrs.eps),
          Number(attrs.stepSize),
        );
        outs.push(out);
      }
      return outs;
    },
    [FUSED_KERNELS.sumsOfSquares]: () => (args) => {
      const inputs = args.inputs as unknown as tf.TensorInfo[];
      const { backend } = args;
      const out = backend.makeOutput([inputs.length], 'float32');
      addon.sumsOfSquares(
        heap(backend),
        at(backend, out),
        Float64Array.from(inputs.flatMap((x) => [at(backend, x), size(x.shape)])),
      );
      return out;
    },
    [FUSED_KERNELS.weightedSquaredError]:
      () =>
      ({ inputs: { x, target, weight }, backend }) => {
        const [rows, width] = x!.shape;
        const loss = backend.makeOutput([], 'float32');
        const error = backend.makeOutput([rows, width], 'float32');
        addon.weightedSquaredError(
          heap(backend),
          at(backend, x!),
          at(backend, target!),
          at(backend, weight!),
          rows,
          width,
          at(backend, loss),
          at(backend, error),
        );
        return [loss, error];
      },
    [FUSED_KERNELS.weightedSquaredErrorGrad]:
      () =>
      ({ inputs: { dy, error, weight }, backend }) => {
        const [rows, width] = error!.shape;
        const dx = backend.makeOutput([rows, width], 'float32');
        addon.weightedSquaredErrorGrad(
          heap(backend),
          at(backend, dy!),
          at(backend, error!),
          at(backend, weight!),
          rows,
          width,
          at(backend, dx),
        );
        return dx;
      },
    [FUSED_KERNELS.attentionGrad]:
      () =>
      ({ inputs: { dy, qkv, probs }, backend, attrs }) => {
        const dqkv = backend.makeOutput(qkv!.shape, 'float32');
        addon.attentionGrad(
          heap(backend),
          at(backend, dy!),
          at(backend, qkv!),
          at(backend, probs!),
          Number(attrs.batch),
          Number(attrs.time),
          Number(attrs.heads),
          dy!.shape[1],
          at(backend, dqkv),
        );
        return dqkv;
      },
  };
}

/** The wasm backend's own kernels that the native ones replaced (undefined: there was none). */
const replaced = new Map<string, tf.KernelConfig | undefined>();

/** Registers the native kernels for the wasm backend, keeping the originals to restore. */
export function installNativeKernels(addon: NativeAddon): void {
  if (replaced.size > 0) return;
  for (const [name, make] of Object.entries(nativeKernels(addon))) {
    const original = tf.getKernel(name, 'wasm');
    replaced.set(name, original);
    if (original) tf.unregisterKernel(name, 'wasm');
    const kernelFunc = make(original?.kernelFunc as Kernel | undefined);
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}

/** Puts the wasm backend's own kernels back and removes the fused ones. */
export function removeNativeKernels(): void {
  for (const [name, original] of replaced) {
    tf.unregisterKernel(name, 'wasm');
    if (original) tf.registerKernel(original);
  }
  replaced.clear();
}
