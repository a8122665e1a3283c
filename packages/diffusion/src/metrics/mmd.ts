// Maximum mean discrepancy with a Gaussian kernel k(x, y) = exp(−‖x − y‖² / (2 h²)), unbiased
// estimator: MMD² = mean_{i≠j} k(x_i, x_j) + mean_{i≠j} k(y_i, y_j) − 2 mean_{i,j} k(x_i, y_j).
// Reported as √max(MMD², 0). The bandwidth h defaults to the median pairwise distance.

function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const diff = a[i * d + k] - b[j * d + k];
    sum += diff * diff;
  }
  return sum;
}

function meanKernel(a: Float32Array, b: Float32Array, d: number, bandwidth: number, skipDiagonal: boolean): number {
  const n = a.length / d,
    m = b.length / d;
  let sum = 0,
    count = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (skipDiagonal && i === j) continue;
      sum += Math.exp(-squaredDistance(a, i, b, j, d) / (2 * bandwidth * bandwidth));
      count++;
    }
  }
  return sum / count;
}

/** Median distance between rows of the pooled sets (the first 256 of each). */
export function medianDistance(a: Float32Array, b: Float32Array, d: number): number {
  const pooled = new Float32Array([...a.subarray(0, 256 * d), ...b.subarray(0, 256 * d)]);
  const n = pooled.length / d,
    distances: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) distances.push(Math.sqrt(squaredDistance(pooled, i, pooled, j, d)));
  distances.sort((x, y) => x - y);
  return distances[Math.floor(distances.length / 2)];
}

export function mmd(a: Float32Array, b: Float32Array, d: number, bandwidth: number): number {
  const squared =
    meanKernel(a, a, d, bandwidth, true) +
    meanKernel(b, b, d, bandwidth, true) -
    2 * meanKernel(a, b, d, bandwidth, false);
  return Math.sqrt(Math.max(squared, 0));
}
