// Intra-/inter-set distribution comparison (Yang & Lerch 2020, as in mgeval): for a per-piece
// feature, the distances between training pieces (intra-set) and between generated and training
// pieces (inter-set) are smoothed with Gaussian kernels; the overlap area ∫ min(p, q) and the KL
// divergence KL(p_intra ‖ p_inter) say how close the generated set's feature distribution is.

/** Gaussian kernel density of `samples` with bandwidth h at x. */
export function kernelDensity(samples: number[], h: number, x: number): number {
  let total = 0;
  for (const s of samples) total += Math.exp(-0.5 * ((x - s) / h) ** 2);
  return total / (samples.length * h * Math.sqrt(2 * Math.PI));
}

/** Silverman's rule-of-thumb bandwidth 1.06 σ n^(−1/5) (1 when the samples do not vary). */
export function silvermanBandwidth(samples: number[]): number {
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples.length - 1));
  return sd > 0 ? 1.06 * sd * samples.length ** -0.2 : 1;
}

/** Overlap area and KL(p ‖ q) of the kernel densities of two sample sets (bandwidth per set by
 * Silverman unless given), integrated by the trapezoid rule on `points` points over both sets' span
 * widened by 6 bandwidths. */
export function compareDensities(
  p: number[],
  q: number[],
  options: { bandwidthP?: number; bandwidthQ?: number; points?: number } = {},
): { overlapArea: number; kl: number } {
  const hp = options.bandwidthP ?? silvermanBandwidth(p);
  const hq = options.bandwidthQ ?? silvermanBandwidth(q);
  const points = options.points ?? 4001;
  let low = Infinity,
    high = -Infinity;
  for (const v of p.concat(q)) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const margin = 6 * Math.max(hp, hq);
  [low, high] = [low - margin, high + margin];
  const dx = (high - low) / (points - 1);
  let overlap = 0,
    kl = 0;
  for (let i = 0; i < points; i++) {
    const x = low + i * dx;
    const weight = i === 0 || i === points - 1 ? dx / 2 : dx;
    const a = kernelDensity(p, hp, x),
      b = kernelDensity(q, hq, x);
    overlap += weight * Math.min(a, b);
    if (a > 0) kl += weight * a * Math.log(a / Math.max(b, Number.MIN_VALUE));
  }
  return { overlapArea: overlap, kl };
}

/** Intra-set distances of `train` (all pairs) and inter-set distances (generated × train) of a
 * scalar feature, compared: overlap area and KL(intra ‖ inter). */
export function intraInterComparison(generated: number[], train: number[]): { overlapArea: number; kl: number } {
  const intra: number[] = [];
  for (let i = 0; i < train.length; i++)
    for (let j = i + 1; j < train.length; j++) intra.push(Math.abs(train[i] - train[j]));
  const inter = generated.flatMap((g) => train.map((t) => Math.abs(g - t)));
  return compareDensities(intra, inter);
}
