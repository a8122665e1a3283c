// Samplers of the classic 2-D toy shapes that have no closed-form score: two moons, swiss roll,
// checkerboard. Labels: the moon, the roll's half-turn, the checkerboard's left or right half.
import type { Rng } from '@sous/core';
import { makePoints, type Points } from '../points.js';

function drawRows(count: number, rng: Rng, row: (rng: Rng) => [number, number, number]): Points {
  const values = new Float32Array(count * 2),
    labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const [x, y, label] = row(rng);
    values[2 * i] = x;
    values[2 * i + 1] = y;
    labels[i] = label;
  }
  return makePoints(values, 2, labels);
}

/** Two interleaved half circles (scikit-learn's make_moons), centred, plus N(0, noise²) noise. */
export function twoMoons(count: number, rng: Rng, noise: number): Points {
  return drawRows(count, rng, (r) => {
    const moon = r.int(2),
      angle = Math.PI * r.uniform();
    const x = moon === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = moon === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    return [2 * (x - 0.5) + noise * r.normal(), 2 * (y - 0.25) + noise * r.normal(), moon];
  });
}

/** A 2-D swiss roll: radius growing with the angle θ ∈ [1.5π, 4.5π], scaled to about [−3, 3]². */
export function swissRoll(count: number, rng: Rng, noise: number): Points {
  return drawRows(count, rng, (r) => {
    const theta = 1.5 * Math.PI * (1 + 2 * r.uniform());
    const scale = 0.2;
    return [
      scale * theta * Math.cos(theta) + noise * r.normal(),
      scale * theta * Math.sin(theta) + noise * r.normal(),
      Math.floor(theta / Math.PI) % 2,
    ];
  });
}

/** Uniform on the dark squares of a 4 × 4 checkerboard covering [−size, size]². */
export function checkerboard(count: number, rng: Rng, size: number): Points {
  return drawRows(count, rng, (r) => {
    const cell = (2 * size) / 4;
    const column = r.int(4),
      rowIndex = 2 * r.int(2) + (column % 2);
    return [-size + cell * (column + r.uniform()), -size + cell * (rowIndex + r.uniform()), column < 2 ? 0 : 1];
  });
}
