// Which examples a dataset sampler draws at a step. Draws run through a sequence of epochs, each a
// seeded permutation of the dataset (no repeats within an epoch). Each epoch's permutation derives
// from (recipe seed, stage, node, epoch) alone, so the draws at step N are the same whether or not
// steps 0..N-1 ran in this process: a resumed run continues exactly.
import { Rng, type Dataset, type Example, type NodeContext } from '@sous/core';

/** What the dataset samplers can fail with: spread into their messages, raised through ctx.fail. */
export const drawMessages = { emptyDataset: 'the dataset "{{dataset}}" is empty' } as const;

/** Permutations kept per node: the current epoch and the next suffice for any batch size ≤ n. */
const CACHED_EPOCHS = 2;

/** The examples of draws `step * count` .. `step * count + count - 1` of `data`, which must not be empty. */
export function drawExamples(data: Dataset, count: number, ctx: NodeContext<keyof typeof drawMessages>): Example[] {
  if (data.size === 0) ctx.fail('emptyDataset', { dataset: data.name });
  return drawIndices(data.size, count, ctx).map((index) => data.get(index));
}

/** Dataset indices of draws `step * count` .. `step * count + count - 1`. */
export function drawIndices(datasetSize: number, count: number, ctx: NodeContext): number[] {
  const first = ctx.step * count;
  return Array.from({ length: count }, (_, offset) => {
    const position = first + offset;
    return epochPermutation(datasetSize, Math.floor(position / datasetSize), ctx)[position % datasetSize];
  });
}

function epochPermutation(datasetSize: number, epoch: number, ctx: NodeContext): Int32Array {
  const cache = (ctx.state.epochs ??= new Map()) as Map<number, Int32Array>;
  let order = cache.get(epoch);
  if (order === undefined || order.length !== datasetSize) {
    const rng = new Rng(`${ctx.seed}/${ctx.stage ?? ''}/${ctx.nodeId}/epoch ${epoch}`);
    order = Int32Array.from(rng.shuffle(Array.from({ length: datasetSize }, (_, index) => index)));
    cache.set(epoch, order);
    if (cache.size > CACHED_EPOCHS) cache.delete(cache.keys().next().value!);
  }
  return order;
}
