// Hand-made rollouts and a float64 reference of a bigram policy's token scores, so loss tests can
// compare against values computed without TensorFlow.js.
import { tf, type Rollouts, type Tokenizer } from '@sous/core';
import type { BigramModel } from '@sous/core/testing';

export const vocab: Tokenizer = {
  vocabSize: 4,
  pad: 0,
  bos: 1,
  eos: 2,
  encode: (text) => Array.from(text, () => 3),
  decode: (ids) =>
    ids
      .filter((id) => id === 3)
      .map(() => 'a')
      .join(''),
};

/** Rows of tokens (pad 0, bos 1, eos 2, a 3), each a 1-token prompt [bos] then its completion. */
export interface RolloutSpec {
  rows: number[][];
  groupSize: number;
  truncated?: number[];
  sampleLogProbs?: number[][];
  demonstrated?: number[][];
  temperature?: number;
  maxNew?: number;
}

export function makeRollouts(spec: RolloutSpec): Rollouts {
  const size = spec.rows.length;
  const length = Math.max(...spec.rows.map((r) => r.length));
  const tokens = new Int32Array(size * length);
  const completionMask = new Float32Array(size * length);
  const completionLength = new Int32Array(size);
  spec.rows.forEach((row, i) => {
    tokens.set(row, i * length);
    // Completion: after the bos prompt, up to and including eos, or every non-pad token.
    const end = row.indexOf(2) >= 0 ? row.indexOf(2) + 1 : row.filter((t) => t !== 0).length;
    completionLength[i] = end - 1;
    completionMask.fill(1, i * length + 1, i * length + end);
  });
  const flat = (rows: number[][] | undefined) => {
    const out = new Float32Array(size * length);
    rows?.forEach((row, i) => out.set(row, i * length));
    return out;
  };
  return {
    kind: 'rollouts',
    size,
    length,
    groupSize: spec.groupSize,
    examples: spec.rows.map(() => ({ prompt: '', answer: 'a' })),
    group: Int32Array.from({ length: size }, (_, i) => Math.floor(i / spec.groupSize)),
    tokens,
    promptLength: new Int32Array(size).fill(1),
    completionLength,
    completionMask,
    truncated: Uint8Array.from(spec.truncated ?? new Array(size).fill(0)),
    sampleLogProbs: flat(spec.sampleLogProbs),
    demonstrated: flat(spec.demonstrated),
    texts: spec.rows.map(() => ''),
    temperature: spec.temperature ?? 1,
    maxNew: spec.maxNew ?? length - 1,
    vocab,
  };
}

/** Mask rows as a flat [N, L] array. */
export function maskOf(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

export function rowsOf(values: ArrayLike<number>, length: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < values.length; i += length) rows.push(Array.from(values).slice(i, i + length));
  return rows;
}

/** log softmax(table[prev] / temperature)[token], in float64. */
export function refLogProb(table: number[][], prev: number, token: number, temperature = 1): number {
  const row = table[prev].map((x) => x / temperature);
  const max = Math.max(...row);
  return row[token] - max - Math.log(row.reduce((sum, x) => sum + Math.exp(x - max), 0));
}

/** [N][L] reference log-probs of a bigram policy, 0 at position 0. */
export function refLogProbs(table: number[][], rollouts: Rollouts): number[][] {
  return rowsOf(rollouts.tokens, rollouts.length).map((row) =>
    row.map((token, t) => (t === 0 ? 0 : refLogProb(table, row[t - 1], token, rollouts.temperature || 1))),
  );
}

/** Entropy of softmax(table[prev] / temperature), float64. */
export function refEntropy(table: number[][], prev: number, temperature = 1): number {
  return -table[prev].reduce((sum, _, v) => {
    const lp = refLogProb(table, prev, v, temperature);
    return sum + Math.exp(lp) * lp;
  }, 0);
}

/** Central differences of `f` with respect to each table entry, in float64. */
export function numericGradient(f: (table: number[][]) => number, table: number[][], eps = 1e-5): number[][] {
  return table.map((row, i) =>
    row.map((_, j) => {
      const plus = table.map((r) => r.slice());
      const minus = table.map((r) => r.slice());
      plus[i][j] += eps;
      minus[i][j] -= eps;
      return (f(plus) - f(minus)) / (2 * eps);
    }),
  );
}

/** The loss value and its gradient with respect to the model's table, from TensorFlow.js. */
export function tfValueAndGradient(model: BigramModel, loss: () => tf.Scalar): { value: number; gradient: number[][] } {
  const { value, grads } = tf.variableGrads(loss, [model.table]);
  const out = { value: value.dataSync()[0], gradient: grads[model.table.name].arraySync() as number[][] };
  value.dispose();
  Object.values(grads).forEach((g) => g.dispose());
  return out;
}

export function assertClose(actual: number, expected: number, tolerance: number, label = ''): void {
  if (!(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${label} expected ${expected}, got ${actual} (tolerance ${tolerance})`);
  }
}

export function assertAllClose(
  actual: ArrayLike<number> | number[][],
  expected: ArrayLike<number> | number[][],
  tolerance: number,
  label = '',
): void {
  const a = (Array.isArray(actual) ? (actual as unknown[]).flat() : Array.from(actual)) as number[];
  const e = (Array.isArray(expected) ? (expected as unknown[]).flat() : Array.from(expected)) as number[];
  if (a.length !== e.length) throw new Error(`${label} length ${a.length} vs ${e.length}`);
  a.forEach((x, i) => assertClose(x, e[i], tolerance, `${label}[${i}]`));
}
