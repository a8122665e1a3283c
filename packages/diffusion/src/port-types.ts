// The port types @sous/diffusion adds (checked by `sous check` and the language server like the
// built-in ones) and the TypeScript value each carries into a node's `run`. Denoisers stay
// `Model`: the optimizer, checkpoints and `models.frozen` take them as any other model.
import type { Distribution } from './data/distribution.js';
import type { Points } from './points.js';
import type { NoiseSchedule } from './schedules/schedule.js';

declare module '@sous/core' {
  interface PortValues {
    Distribution: Distribution;
    Schedule: NoiseSchedule;
    Points: Points;
  }
}

export const portTypes = {
  Distribution: {
    doc: 'A ground-truth distribution: seeded train and test point sets (members train, test), fresh draws, and its exact mixture where one exists.',
  },
  Schedule: {
    doc: 'A forward noising process (vp, vp_cosine, ve, edm, gbm): the signal and noise levels over diffusion time.',
  },
  Points: {
    doc: 'A set of points, row-major [count, dim], with optional class labels: a data split, a batch or drawn samples.',
  },
};
