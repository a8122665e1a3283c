// Named weight maps: a model's weights by name (Hugging Face names for a GPT), the values the
// weight-space operations in this folder read and write. Two maps combine only when they hold
// the same names with the same shapes.
import { SousError, tf } from '@sous/core';

export type WeightMap = ReadonlyMap<string, tf.Tensor>;

/** Where two weight maps differ in layout: the first weight (in `reference`'s order, then the
 * extra ones of `other`) that is missing, extra or of another shape, or undefined when they match. */
export function layoutMismatch(
  reference: WeightMap,
  other: WeightMap,
): { weight: string; problem: string } | undefined {
  for (const [name, tensor] of reference) {
    const counterpart = other.get(name);
    if (!counterpart) return { weight: name, problem: 'is missing from the second model' };
    if (!sameShape(tensor.shape, counterpart.shape)) {
      return {
        weight: name,
        problem: `has shape [${tensor.shape}] in the first model and [${counterpart.shape}] in the second`,
      };
    }
  }
  for (const name of other.keys()) {
    if (!reference.has(name)) return { weight: name, problem: 'is only in the second model' };
  }
  return undefined;
}

/** Throws a SousError naming the weight when `other`'s layout differs from `reference`'s. */
export function assertSameLayout(reference: WeightMap, other: WeightMap): void {
  const mismatch = layoutMismatch(reference, other);
  if (mismatch) throw new SousError(`weight "${mismatch.weight}" ${mismatch.problem}`);
}

/** `combine` applied name by name to the same-named tensors of `maps` (all of one layout), in
 * the first map's order. The result owns its tensors. */
export function mapWeights(
  maps: readonly WeightMap[],
  combine: (tensors: tf.Tensor[], name: string) => tf.Tensor,
): Map<string, tf.Tensor> {
  for (const other of maps.slice(1)) assertSameLayout(maps[0], other);
  const out = new Map<string, tf.Tensor>();
  for (const name of maps[0].keys()) {
    out.set(
      name,
      tf.tidy(() =>
        combine(
          maps.map((m) => m.get(name)!),
          name,
        ),
      ),
    );
  }
  return out;
}

export function disposeWeights(weights: WeightMap): void {
  for (const tensor of weights.values()) tensor.dispose();
}

/** Number of scalars in the map. */
export function parameterCount(weights: WeightMap): number {
  let count = 0;
  for (const tensor of weights.values()) count += tensor.size;
  return count;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
