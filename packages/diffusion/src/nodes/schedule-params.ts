// The smallest-time parameter the vp, vp_cosine and gbm schedule nodes share.
import { z } from 'zod';

export const T_MIN = z
  .number()
  .positive()
  .max(0.5)
  .default(1e-3)
  .describe('Smallest time (training and the end of sampling).');
