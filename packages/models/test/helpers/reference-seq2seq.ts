// An independent encoder–decoder forward pass in float64 loops (no tensors), from the formula at
// the top of src/seq2seq/model.ts, to check Seq2SeqModel's numbers, masks and weight layouts.
import type { Seq2SeqConfig } from '../../src/index.js';
import {
  affine,
  gelu,
  layerNorm,
  multiHeadAttention,
  weightAccess,
  type Matrix,
  type Weights,
} from './reference-gpt.js';

function add(a: Matrix, b: Matrix, scale: (t: number) => number = () => 1): Matrix {
  return a.map((row, t) => row.map((x, j) => x + scale(t) * b[t][j]));
}

/**
 * Decoder logits [T][vocab] of one example. `source` has S tokens; those equal to padId are
 * hidden from attention. `gates` and `positions` are per target token.
 */
export function referenceSeq2SeqLogits(
  config: Seq2SeqConfig,
  weights: Weights,
  source: number[],
  target: number[],
  gates: number[],
  positions: number[],
): Matrix {
  const { dModel: d, heads, layerNormEps: eps } = config;
  const { get, mat } = weightAccess(weights);
  const wte = mat('wte.weight'),
    wpe = mat('wpe.weight');
  const block = (h: Matrix, p: string, attention: (normed: Matrix) => Matrix) => {
    const qkv = affine(
      layerNorm(h, get(p + 'ln_1.weight'), get(p + 'ln_1.bias'), eps),
      mat(p + 'attn.c_attn.weight'),
      get(p + 'attn.c_attn.bias'),
    );
    return affine(attention(qkv), mat(p + 'attn.c_proj.weight'), get(p + 'attn.c_proj.bias'));
  };
  const mlp = (h: Matrix, p: string) =>
    affine(
      affine(
        layerNorm(h, get(p + 'ln_2.weight'), get(p + 'ln_2.bias'), eps),
        mat(p + 'mlp.c_fc.weight'),
        get(p + 'mlp.c_fc.bias'),
      ).map((row) => row.map((x) => gelu(x, config.gelu))),
      mat(p + 'mlp.c_proj.weight'),
      get(p + 'mlp.c_proj.bias'),
    );
  const split = (qkv: Matrix) => [0, 1, 2].map((part) => qkv.map((row) => row.slice(part * d, (part + 1) * d)));
  const visibleSource = (_: number, j: number) => source[j] !== config.padId;

  let e = source.map((token, t) => wte[token].map((v, j) => v + wpe[t][j]));
  for (let l = 0; l < config.encoderLayers; l++) {
    const p = `encoder.h.${l}.`;
    e = add(
      e,
      block(e, p, (qkv) => {
        const [q, k, v] = split(qkv);
        return multiHeadAttention(q, k, v, heads, visibleSource);
      }),
    );
    e = add(e, mlp(e, p));
  }
  const memory = layerNorm(e, get('encoder.ln_f.weight'), get('encoder.ln_f.bias'), eps);

  let h = target.map((token, t) => wte[token].map((v, j) => v + wpe[positions[t]][j]));
  for (let l = 0; l < config.decoderLayers; l++) {
    const p = `h.${l}.`;
    const self = block(h, p, (qkv) => {
      const [q, k, v] = split(qkv);
      return multiHeadAttention(q, k, v, heads, (i, j) => j <= i);
    });
    const cross = (input: Matrix) => {
      const q = affine(
        layerNorm(input, get(p + 'ln_cross_attn.weight'), get(p + 'ln_cross_attn.bias'), eps),
        mat(p + 'crossattention.q_attn.weight'),
        get(p + 'crossattention.q_attn.bias'),
      );
      const kv = affine(memory, mat(p + 'crossattention.c_attn.weight'), get(p + 'crossattention.c_attn.bias'));
      const attended = multiHeadAttention(
        q,
        kv.map((row) => row.slice(0, d)),
        kv.map((row) => row.slice(d)),
        heads,
        visibleSource,
      );
      return affine(attended, mat(p + 'crossattention.c_proj.weight'), get(p + 'crossattention.c_proj.bias'));
    };
    if (config.theme) {
      h = add(add(h, self), cross(h), (t) => gates[t]);
    } else {
      h = add(h, self);
      h = add(h, cross(h));
    }
    h = add(h, mlp(h, p));
  }
  const final = layerNorm(h, get('ln_f.weight'), get('ln_f.bias'), eps);
  return final.map((row) => wte.map((w) => row.reduce((s, x, j) => s + x * w[j], 0)));
}
