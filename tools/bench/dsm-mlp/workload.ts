// The dsm-mlp workload: one training step of examples/diffusion-mixture.recipe's denoiser and one
// of its sampling runs. reference.py repeats these sizes in PyTorch; change both together.

/** Rows of a training batch. */
export const BATCH = 256;
/** The MLP: input [c_in x̃ (2), c_noise (1), sin/cos(2^k c_noise) (2·8)] → 3 × 128 SiLU → 2. */
export const DIM = 2;
export const HIDDEN = 128;
export const LAYERS = 3;
export const FREQUENCIES = 8;
/** The linear VP process of the recipe, and the smallest time (the vp node's default t_min). */
export const BETA_MIN = 0.1;
export const BETA_MAX = 20;
export const T_MIN = 1e-3;
/** A sampling run: 2,000 points, 200 ancestral DDPM steps (the recipe's eval). */
export const SAMPLES = 2000;
export const SAMPLE_STEPS = 200;
/** Training steps: a step takes a few milliseconds and a real run takes thousands, so both sides
 * warm up for 20 steps (V8 compiles sous's step code over the first ~30: steps 31–40 measured ~30%
 * cheaper than steps 3–7) and the median is over 30. Sampling runs keep timing.ts's 2 + 5. */
export const TRAIN_WARMUP = 20;
export const TRAIN_RUNS = 30;

/** Multiply–adds ×2 of the MLP's matrix products for `rows` rows, one forward pass. */
export function mlpForwardFlops(rows: number): number {
  const widths = [DIM + 1 + 2 * FREQUENCIES, ...Array<number>(LAYERS).fill(HIDDEN), DIM];
  let perRow = 0;
  for (let i = 0; i + 1 < widths.length; i++) perRow += widths[i] * widths[i + 1];
  return 2 * rows * perRow;
}
