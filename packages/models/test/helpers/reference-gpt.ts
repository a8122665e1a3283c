// An independent GPT-2 forward pass in plain JavaScript (float64 loops, no tensors), written from
// the formula in shared/bench/grpo-tiny.md, to check GptModel's numbers and weight layouts.
import type { GptConfig } from '../../src/index.js';

export type Weights = Map<string, { shape: number[]; values: Float32Array | number[] }>;

export type Matrix = number[][];

export function rows(flat: ArrayLike<number>, n: number, m: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => flat[i * m + j]));
}

export function affine(x: Matrix, w: Matrix, b?: ArrayLike<number>): Matrix {
  return x.map((row) => w[0].map((_, j) => row.reduce((s, v, k) => s + v * w[k][j], b ? b[j] : 0)));
}

export function layerNorm(x: Matrix, w: ArrayLike<number>, b: ArrayLike<number>, eps: number): Matrix {
  return x.map((row) => {
    const mean = row.reduce((a, v) => a + v, 0) / row.length;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / row.length;
    return row.map((v, j) => ((v - mean) / Math.sqrt(variance + eps)) * w[j] + b[j]);
  });
}

/** Abramowitz–Stegun 7.1.26 is too coarse; this series/continued fraction is exact to ~1e-15. */
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 2.5) {
    let sum = t,
      term = t;
    for (let n = 1; n < 80; n++) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction for large |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  return Math.sign(x) * (1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f));
}

export function gelu(x: number, kind: 'tanh' | 'exact'): number {
  return kind === 'exact'
    ? 0.5 * x * (1 + erf(x / Math.SQRT2))
    : 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** softmax(q·kᵀ/√headDim)·v per head over the keys j that `visible(i, j)` lets query i see. */
export function multiHeadAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  heads: number,
  visible: (i: number, j: number) => boolean,
): Matrix {
  const d = q[0].length,
    hd = d / heads;
  return q.map((query, i) => {
    const out = new Array(d).fill(0);
    for (let head = 0; head < heads; head++) {
      const keys = k.map((_, j) => j).filter((j) => visible(i, j));
      const scores = keys.map((j) => {
        let s = 0;
        for (let c = 0; c < hd; c++) s += query[head * hd + c] * k[j][head * hd + c];
        return s / Math.sqrt(hd);
      });
      const max = scores.reduce((a, b) => Math.max(a, b), -Infinity);
      const e = scores.map((s) => Math.exp(s - max));
      const z = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < hd; c++)
        out[head * hd + c] = keys.reduce((a, j, n) => a + (e[n] / z) * v[j][head * hd + c], 0);
    }
    return out;
  });
}

/** A weight by name as a flat vector (`get`) or a matrix of rows (`mat`). */
export function weightAccess(weights: Weights) {
  return {
    get: (name: string) => weights.get(name)!.values,
    mat: (name: string) => {
      const { shape, values } = weights.get(name)!;
      return rows(values, shape[0], shape[1]);
    },
  };
}

/** Logits [time][vocab] of one sequence. */
export function referenceLogits(config: GptConfig, weights: Weights, tokens: number[]): Matrix {
  const get = (name: string) => weights.get(name)!.values;
  const { shape, values } = weights.get(config.tiedHead ? 'wte.weight' : 'lm_head.weight')!;
  const head = rows(values, shape[0], shape[1]); // [vocab, d]
  const final = layerNorm(
    referenceHidden(config, weights, tokens),
    get('ln_f.weight'),
    get('ln_f.bias'),
    config.layerNormEps,
  );
  return final.map((row) => head.map((w) => row.reduce((s, x, j) => s + x * w[j], 0)));
}

/** The residual stream [time][d] of one sequence after its first `blocks` blocks. */
export function referenceHidden(config: GptConfig, weights: Weights, tokens: number[], blocks = config.layers): Matrix {
  const { dModel: d, heads, layerNormEps: eps, dFF } = config;
  const { get, mat } = weightAccess(weights);
  const wte = mat('wte.weight'),
    wpe = mat('wpe.weight');
  let h = tokens.map((token, t) => wte[token].map((v, j) => v + wpe[t][j]));
  for (let l = 0; l < blocks; l++) {
    const p = `h.${l}.`;
    const qkv = affine(
      layerNorm(h, get(p + 'ln_1.weight'), get(p + 'ln_1.bias'), eps),
      mat(p + 'attn.c_attn.weight'),
      get(p + 'attn.c_attn.bias'),
    );
    const merged = multiHeadAttention(
      qkv.map((row) => row.slice(0, d)),
      qkv.map((row) => row.slice(d, 2 * d)),
      qkv.map((row) => row.slice(2 * d)),
      heads,
      (i, j) => j <= i,
    );
    const attn = affine(merged, mat(p + 'attn.c_proj.weight'), get(p + 'attn.c_proj.bias'));
    h = h.map((row, t) => row.map((x, j) => x + attn[t][j]));
    const hidden = affine(
      layerNorm(h, get(p + 'ln_2.weight'), get(p + 'ln_2.bias'), eps),
      mat(p + 'mlp.c_fc.weight'),
      get(p + 'mlp.c_fc.bias'),
    );
    if (hidden[0].length !== dFF) throw new Error('c_fc width');
    const mlp = affine(
      hidden.map((row) => row.map((x) => gelu(x, config.gelu))),
      mat(p + 'mlp.c_proj.weight'),
      get(p + 'mlp.c_proj.bias'),
    );
    h = h.map((row, t) => row.map((x, j) => x + mlp[t][j]));
  }
  return h;
}
