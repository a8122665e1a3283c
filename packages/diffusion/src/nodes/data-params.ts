// Parameters every data node shares: its own seed and the split sizes.
import { z } from 'zod';

export const splitParams = {
  seed: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Chooses the train and test points; the recipe seed does not change them.'),
  train_size: z.number().int().min(1).max(1_000_000).default(10000).describe('Points in the train split.'),
  test_size: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(2000)
    .describe('Points in the test split (metrics compare samples with it).'),
};

/** The noise of the two_moons and swiss_roll shapes. */
export const NOISE = z
  .number()
  .min(0)
  .default(0.05)
  .describe('Standard deviation of the Gaussian noise added to each coordinate.');

export const DATA_MEMBERS = { train: 'Points', test: 'Points' } as const;
