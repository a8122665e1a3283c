// Hand-made forget examples over the bigram test vocabulary (pad 0, bos 1, eos 2, a 3, b 4) and a
// float64 reference of their answer log-probs, for the forgetting losses and the metrics.
import { tf, type Batch } from '@sous/core';
import type { BigramModel } from '@sous/core/testing';

export const policyTable = [
  [0, 0, 0, 0, 0],
  [0.1, -0.4, 0.3, 0.8, -0.2],
  [0, 0, 0, 0, 0],
  [0.2, 0.1, 0.9, -0.3, 0.4],
  [-0.1, 0.5, 0.2, 0.6, -0.7],
];
export const refTable = [
  [0, 0, 0, 0, 0],
  [0.3, 0.2, -0.1, 0.4, 0.5],
  [0, 0, 0, 0, 0],
  [-0.2, 0.3, 0.4, 0.1, 0.2],
  [0.5, -0.3, 0.1, 0.2, 0.3],
];

/** Prompt and answer token ids of each forget example (bos and eos added by `makeBatch`). */
export const forgetRows = [
  { prompt: [3], answer: [4] },
  { prompt: [3, 4], answer: [4, 3] },
  { prompt: [4], answer: [3, 3, 4] },
];

/** A teacher-forcing batch of `rows`: bos + prompt + answer + eos, right-padded with 0. */
export function makeBatch(rows = forgetRows): Batch {
  const ids = rows.map(({ prompt, answer }) => [1, ...prompt, ...answer, 2]);
  const length = ids.reduce((longest, row) => Math.max(longest, row.length), 0);
  const tokens = new Int32Array(rows.length * length);
  const targetMask = new Float32Array(rows.length * length);
  ids.forEach((row, i) => {
    tokens.set(row, i * length);
    targetMask.fill(1, i * length + 1 + rows[i].prompt.length, i * length + row.length);
  });
  return { kind: 'batch', size: rows.length, length, tokens, targetMask, examples: [] };
}

/** log softmax(table[prev])[token] in float64. */
export function bigramLogProb(table: number[][], prev: number, token: number): number {
  const row = table[prev];
  const max = row.reduce((m, x) => Math.max(m, x), -Infinity);
  return row[token] - max - Math.log(row.reduce((sum, x) => sum + Math.exp(x - max), 0));
}

/** Per answer token (eos included) of each row, its log-prob under `table`, in float64. */
export function answerTokenLogProbs(table: number[][], rows = forgetRows): number[][] {
  return rows.map(({ prompt, answer }) => {
    const row = [1, ...prompt, ...answer, 2];
    const first = 1 + prompt.length;
    return row.slice(first).map((token, t) => bigramLogProb(table, row[first + t - 1], token));
  });
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

/** The loss and its gradient with respect to the bigram table, from TensorFlow.js. */
export function valueAndGradient(model: BigramModel, loss: () => tf.Scalar): { value: number; gradient: number[][] } {
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

export function assertAllClose(actual: number[][], expected: number[][], tolerance: number, label = ''): void {
  actual.flat().forEach((x, i) => assertClose(x, expected.flat()[i], tolerance, `${label}[${i}]`));
}
