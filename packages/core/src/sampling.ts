// The next-token distribution a sampler draws from: softmax at a temperature, then top-k, then
// top-p (nucleus), renormalised after each cut as Hugging Face `generate` does. Plain arrays in
// float64, because samplers draw on the CPU with seeded uniforms (tf.multinomial on the cpu
// backend gives every row the same draw).

export interface SamplingOptions {
  /** Softmax temperature; 0 puts all the mass on the most likely token (greedy). */
  temperature: number;
  /** Keep only the k most likely tokens (0: keep all). */
  topK: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (1: keep all). */
  topP: number;
}

/** Probabilities of each token (0 for the tokens cut away); they sum to 1. */
export function samplingDistribution(logits: ArrayLike<number>, options: SamplingOptions): Float64Array {
  const { temperature, topK, topP } = options;
  const size = logits.length;
  if (temperature === 0) {
    const probs = new Float64Array(size);
    probs[argmax(logits)] = 1;
    return probs;
  }
  const probs = softmax(logits, temperature);
  if ((topK <= 0 || topK >= size) && topP >= 1) return probs;
  // Most likely first; ties keep the lower token id first so the cut is deterministic.
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  let keep = topK > 0 ? Math.min(topK, size) : size;
  if (topP < 1) {
    const keptMass = sumAt(probs, order, keep);
    let before = 0;
    let nucleus = 0;
    // A token stays while the (renormalised) mass of the tokens ranked above it is below p.
    while (nucleus < keep && before / keptMass < topP) before += probs[order[nucleus++]];
    keep = Math.max(1, nucleus);
  }
  const mass = sumAt(probs, order, keep);
  const cut = new Float64Array(size);
  for (let rank = 0; rank < keep; rank++) cut[order[rank]] = probs[order[rank]] / mass;
  return cut;
}

/** The token a uniform draw `u` in [0, 1) picks from `probs` (inverse of the cumulative sum). */
export function drawToken(probs: ArrayLike<number>, u: number): number {
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cumulative += probs[i];
    last = i;
    if (u < cumulative) return i;
  }
  return last; // u within rounding of 1
}

/** log softmax(logits / temperature)[token], with temperature 0 read as 1. */
export function tokenLogProb(logits: ArrayLike<number>, token: number, temperature: number): number {
  const t = temperature === 0 ? 1 : temperature;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / t);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += Math.exp(logits[i] / t - max);
  return logits[token] / t - max - Math.log(total);
}

function softmax(logits: ArrayLike<number>, temperature: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  const probs = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += probs[i] = Math.exp(logits[i] / temperature - max);
  for (let i = 0; i < probs.length; i++) probs[i] /= total;
  return probs;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function sumAt(values: Float64Array, order: number[], count: number): number {
  let total = 0;
  for (let rank = 0; rank < count; rank++) total += values[order[rank]];
  return total;
}
