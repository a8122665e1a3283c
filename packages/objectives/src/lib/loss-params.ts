// Parameters shared by the policy-gradient losses, declared once so their docs and bounds agree.
import { z } from 'zod';
import { AGGREGATIONS, type Aggregation } from './aggregate.js';

export function aggregationParams(fallback: Aggregation) {
  return {
    aggregation: z
      .enum(AGGREGATIONS)
      .default(fallback)
      .describe(
        'How masked per-token losses become a scalar: token_mean (DAPO), seq_mean_token_mean (GRPO), ' +
          'seq_mean_token_sum, or constant (Dr. GRPO: sum / (sequences × normaliser)).',
      ),
    normaliser: z
      .number()
      .min(0)
      .max(1e6)
      .default(0)
      .describe("Tokens per sequence of the constant aggregation; 0 uses the sampler's max_new."),
  };
}
