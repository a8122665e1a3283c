// An independent GPT-2 forward pass in plain JavaScript (float64 loops, no tensors), written from
// the formula in shared/bench/grpo-tiny.md, to check GptModel's numbers and weight layouts.
import type { GptConfig } from '../../src/index.js';

export type Weights = Map<string, { shape: number[]; values: Float32Array | number[] }>;

type Matrix = number[][];

function rows(flat: ArrayLike<number>, n: number, m: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => flat[i * m + j]));
}

function affine(x: Matrix, w: Matrix, b?: ArrayLike<number>): Matrix {
  return x.map((row) => w[0].map((_, j) => row.reduce((s, v, k) => s + v * w[k][j], b ? b[j] : 0)));
}

function layerNorm(x: Matrix, w: ArrayLike<number>, b: ArrayLike<number>, eps: number): Matrix {
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

function gelu(x: number, kind: 'tanh' | 'exact'): number {
  return kind === 'exact'
    ? 0.5 * x * (1 + erf(x / Math.SQRT2))
    : 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
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
  const get = (name: string) => weights.get(name)!.values;
  const mat = (name: string) => {
    const { shape, values } = weights.get(name)!;
    return rows(values, shape[0], shape[1]);
  };
  const wte = mat('wte.weight'),
    wpe = mat('wpe.weight');
  let h = tokens.map((token, t) => wte[token].map((v, j) => v + wpe[t][j]));
  const T = tokens.length,
    hd = d / heads;
  for (let l = 0; l < blocks; l++) {
    const p = `h.${l}.`;
    const qkv = affine(
      layerNorm(h, get(p + 'ln_1.weight'), get(p + 'ln_1.bias'), eps),
      mat(p + 'attn.c_attn.weight'),
      get(p + 'attn.c_attn.bias'),
    );
    const merged: Matrix = Array.from({ length: T }, () => new Array(d).fill(0));
    for (let head = 0; head < heads; head++) {
      const q = (t: number, c: number) => qkv[t][head * hd + c];
      const k = (t: number, c: number) => qkv[t][d + head * hd + c];
      const v = (t: number, c: number) => qkv[t][2 * d + head * hd + c];
      for (let i = 0; i < T; i++) {
        const scores = Array.from({ length: i + 1 }, (_, j) => {
          let s = 0;
          for (let c = 0; c < hd; c++) s += q(i, c) * k(j, c);
          return s / Math.sqrt(hd);
        });
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const z = e.reduce((a, b) => a + b, 0);
        for (let c = 0; c < hd; c++) merged[i][head * hd + c] = e.reduce((a, w, j) => a + (w / z) * v(j, c), 0);
      }
    }
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
