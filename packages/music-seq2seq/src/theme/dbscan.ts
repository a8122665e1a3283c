// DBSCAN (Ester, Kriegel, Sander, Xu 1996): a point with at least `minPoints` points (itself
// included) within distance `eps` is a core point; clusters are the core points connected through
// such neighbourhoods, plus the border points they reach; the rest is noise. Written here (about
// 30 lines, tested) rather than taken from npm: the candidates in the registry lists
// (density-clustering, @cdxoo/dbscan) would be wrapped in as much code as this.

/** Euclidean distance of two equally long vectors. */
export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}

/** Cluster label per point (0, 1, … in order of discovery), −1 for noise. */
export function dbscan(points: ArrayLike<number>[], eps: number, minPoints: number): number[] {
  if (!(eps > 0)) throw new RangeError(`dbscan: eps must be positive, found ${eps}`);
  if (!Number.isInteger(minPoints) || minPoints < 1)
    throw new RangeError(`dbscan: minPoints must be a positive integer, found ${minPoints}`);
  const neighbours = points.map((p) => points.flatMap((q, j) => (euclidean(p, q) <= eps ? [j] : [])));
  const labels = new Array<number>(points.length).fill(-1);
  const visited = new Array<boolean>(points.length).fill(false);
  let cluster = 0;
  points.forEach((_, seed) => {
    if (visited[seed] || neighbours[seed].length < minPoints) return;
    const queue = [seed];
    visited[seed] = true;
    while (queue.length > 0) {
      const point = queue.shift()!;
      labels[point] = cluster;
      if (neighbours[point].length < minPoints) continue; // a border point: reached, not expanded
      for (const next of neighbours[point]) {
        if (!visited[next]) {
          visited[next] = true;
          queue.push(next);
        }
      }
    }
    cluster++;
  });
  return labels;
}
