// A ground-truth distribution: what the data nodes make. Seeded train and test splits, fresh
// draws for baselines, and — where one exists — the exact mixture it was drawn from, so scores,
// densities, mode coverage and class posteriors are computed in closed form.
import { Rng } from '@sous/core';
import type { Points } from '../points.js';
import type { GaussianMixture } from './gaussian-mixture.js';

export interface Distribution {
  readonly kind: 'distribution';
  readonly name: string;
  readonly dim: number;
  /** Number of classes its labels take (1 when unlabelled). */
  readonly classes: number;
  readonly train: Points;
  readonly test: Points;
  /** `count` fresh points (labels included) from `rng`. */
  sample(count: number, rng: Rng): Points;
  /** The exact law as a Gaussian mixture: of x itself, or of log x when `space` is "log". */
  readonly mixture?: GaussianMixture;
  readonly space: 'data' | 'log';
}

export interface SplitSizes {
  seed: number;
  train_size: number;
  test_size: number;
}

/** Draws the splits from streams fixed by the data node's own seed (not the recipe seed). */
export function makeDistribution(
  name: string,
  draw: (count: number, rng: Rng) => Points,
  { seed, train_size, test_size }: SplitSizes,
  extra: { mixture?: GaussianMixture; space?: 'data' | 'log'; classes?: number } = {},
): Distribution {
  const rng = new Rng(`diffusion.data/${name}/${seed}`);
  const train = draw(train_size, rng.fork('train'));
  return {
    kind: 'distribution',
    name,
    dim: train.dim,
    classes: extra.classes ?? extra.mixture?.classes ?? 1,
    train,
    test: draw(test_size, rng.fork('test')),
    sample: draw,
    mixture: extra.mixture,
    space: extra.space ?? 'data',
  };
}
