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
/** Training steps: a step takes a few milliseconds and a real run takes thousands (the
 * diffusion-mixture recipe 10,000), so both sides warm up for 200 steps and the median is over 100:
 * V8 keeps compiling sous's step code for the first ~200 (2026-12-03, native, one run of 400 steps:
 * median 13.9 ms over steps 0–20, 6.2 over 20–50, 3.7–3.9 over 50–200, 2.9–3.2 over 200–400).
 * Sampling runs keep timing.ts's 2 + 5. */
export const TRAIN_WARMUP = 200;
export const TRAIN_RUNS = 100;

/** Multiply–adds ×2 of the MLP's matrix products for `rows` rows, one forward pass. */
export function mlpForwardFlops(rows: number): number {
  const widths = [DIM + 1 + 2 * FREQUENCIES, ...Array<number>(LAYERS).fill(HIDDEN), DIM];
  let perRow = 0;
  for (let i = 0; i + 1 < widths.length; i++) perRow += widths[i] * widths[i + 1];
  return 2 * rows * perRow;
}
