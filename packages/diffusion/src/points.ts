// Point sets: what flows along `Points` edges in diffusion recipes (data splits, batches, drawn
// samples). Plain typed arrays, row-major [count, dim], so nothing holds tensors across steps.
export interface Points {
  readonly kind: 'points';
  readonly count: number;
  readonly dim: number;
  /** Row-major [count, dim]. */
  readonly values: Float32Array;
  /** Class of each row (a mixture's component class, or the label a sample was guided toward). */
  readonly labels?: Int32Array;
}

export function makePoints(values: Float32Array, dim: number, labels?: Int32Array): Points {
  return { kind: 'points', count: values.length / dim, dim, values, labels };
}

/** Rows `indices` of `points`, labels included. */
export function pickRows(points: Points, indices: ArrayLike<number>): Points {
  const { dim } = points;
  const values = new Float32Array(indices.length * dim);
  const labels = points.labels ? new Int32Array(indices.length) : undefined;
  for (let row = 0; row < indices.length; row++) {
    const from = indices[row];
    values.set(points.values.subarray(from * dim, (from + 1) * dim), row * dim);
    if (labels) labels[row] = points.labels![from];
  }
  return makePoints(values, dim, labels);
}

/** A value for a message: its kind and, for an instance of a named class, the class. */
export function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(typeof value);
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string') return 'an object';
  const className = value.constructor?.name;
  return className && className !== 'Object' ? `a value of kind "${kind}" (${className})` : `a value of kind "${kind}"`;
}
