// Component layouts of the 2-D (and d-D) Gaussian mixtures: modes on a ring, on a square grid,
// or elongated along the ring's tangent (anisotropic). Components beyond two dimensions sit in the
// first two coordinates; the rest are isotropic noise.
import { identity } from '../linalg.js';
import type { Component } from './gaussian-mixture.js';

export type Layout = 'ring' | 'grid' | 'anisotropic';

export interface LayoutOptions {
  layout: Layout;
  components: number;
  dim: number;
  radius: number;
  std: number;
  /** Labels: component k has class k mod classes. */
  classes: number;
}

export function mixtureComponents({ layout, components, dim, radius, std, classes }: LayoutOptions): Component[] {
  const side = Math.round(Math.sqrt(components));
  return Array.from({ length: components }, (_, k) => {
    const mean = new Float64Array(dim);
    const covariance = identity(dim, std * std);
    if (layout === 'grid') {
      // side × side points spanning [−radius, radius]² (a single point sits at the origin).
      const [start, step] = side > 1 ? [-radius, (2 * radius) / (side - 1)] : [0, 0];
      mean[0] = start + step * (k % side);
      mean[1] = start + step * Math.floor(k / side);
    } else {
      const angle = (2 * Math.PI * k) / components;
      mean[0] = radius * Math.cos(angle);
      mean[1] = radius * Math.sin(angle);
      if (layout === 'anisotropic') {
        // Variance (3·std)² along the tangent (−sin, cos), std² across it.
        const tangent = [-Math.sin(angle), Math.cos(angle)];
        const extra = 8 * std * std;
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 2; j++) covariance[i * dim + j] += extra * tangent[i] * tangent[j];
      }
    }
    return { weight: 1, mean, covariance, label: k % classes };
  });
}
