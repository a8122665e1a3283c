// A Gaussian mixture Σ_k w_k N(m_k, C_k) with everything in closed form: sampling, log-density,
// score, the mixture after noising (x_t = α x_0 + σ ε keeps it a mixture), and the product of
// two mixtures (another mixture, the exact target of a product of experts).
import { maxOf, type Rng } from '@sous/core';
import { makePoints, type Points } from '../points.js';
import { choleskyLower, inverseAndLogDet, multiply, scaledPlusIdentity, type SquareMatrix } from '../linalg.js';

export interface Component {
  weight: number;
  mean: Float64Array;
  covariance: SquareMatrix;
  /** Class label of the points this component generates. */
  label: number;
}

interface Prepared {
  logNorm: number; // log w_k − ½ log det C_k − (d/2) log 2π
  precision: SquareMatrix;
}

const LOG_2PI = Math.log(2 * Math.PI);

export class GaussianMixture {
  readonly classes: number;
  private prepared?: Prepared[];

  constructor(
    readonly dim: number,
    readonly components: readonly Component[],
  ) {
    const total = components.reduce((sum, c) => sum + c.weight, 0);
    this.components = components.map((c) => ({ ...c, weight: c.weight / total }));
    this.classes = maxOf(components.map((c) => c.label)) + 1;
  }

  private prepare(): Prepared[] {
    this.prepared ??= this.components.map(({ weight, covariance }) => {
      const { inverse, logDet } = inverseAndLogDet(covariance, this.dim);
      return { logNorm: Math.log(weight) - 0.5 * logDet - 0.5 * this.dim * LOG_2PI, precision: inverse };
    });
    return this.prepared;
  }

  /** The law of α x_0 + σ ε for x_0 from this mixture: Σ_k w_k N(α m_k, α² C_k + σ² I). */
  noised(alpha: number, sigma: number): GaussianMixture {
    return new GaussianMixture(
      this.dim,
      this.components.map((c) => ({
        ...c,
        mean: c.mean.map((v) => alpha * v),
        covariance: scaledPlusIdentity(c.covariance, this.dim, alpha * alpha, sigma * sigma),
      })),
    );
  }

  sample(count: number, rng: Rng): Points {
    const d = this.dim;
    const factors = this.components.map((c) => choleskyLower(c.covariance, d));
    const values = new Float32Array(count * d),
      labels = new Int32Array(count);
    const z = new Float64Array(d),
      offset = new Float64Array(d);
    for (let row = 0; row < count; row++) {
      const k = this.drawComponent(rng.uniform());
      for (let i = 0; i < d; i++) z[i] = rng.normal();
      multiply(factors[k], z, d, offset);
      for (let i = 0; i < d; i++) values[row * d + i] = this.components[k].mean[i] + offset[i];
      labels[row] = this.components[k].label;
    }
    return makePoints(values, d, labels);
  }

  private drawComponent(u: number): number {
    let cumulative = 0;
    for (let k = 0; k < this.components.length; k++) {
      cumulative += this.components[k].weight;
      if (u < cumulative) return k;
    }
    return this.components.length - 1;
  }

  /** Per-component log w_k N(x; m_k, C_k) of one point, and the precision-weighted offsets. */
  private componentTerms(x: ArrayLike<number>, logTerms: Float64Array, pulls: Float64Array[]): void {
    const d = this.dim,
      prepared = this.prepare();
    const diff = new Float64Array(d);
    this.components.forEach((c, k) => {
      for (let i = 0; i < d; i++) diff[i] = x[i] - c.mean[i];
      multiply(prepared[k].precision, diff, d, pulls[k]); // C_k⁻¹ (x − m_k)
      let quadratic = 0;
      for (let i = 0; i < d; i++) quadratic += diff[i] * pulls[k][i];
      logTerms[k] = prepared[k].logNorm - 0.5 * quadratic;
    });
  }

  /** log p(x), responsibilities γ_k(x) and score ∇ log p(x) = −Σ_k γ_k C_k⁻¹ (x − m_k) of each row. */
  evaluate(values: Float32Array): { logDensity: Float64Array; score: Float32Array; responsibilities: Float64Array } {
    const d = this.dim,
      K = this.components.length,
      n = values.length / d;
    const logDensity = new Float64Array(n),
      score = new Float32Array(n * d),
      responsibilities = new Float64Array(n * K);
    const logTerms = new Float64Array(K),
      pulls = this.components.map(() => new Float64Array(d));
    for (let row = 0; row < n; row++) {
      this.componentTerms(values.subarray(row * d, (row + 1) * d), logTerms, pulls);
      const max = maxOf(logTerms);
      let total = 0;
      for (let k = 0; k < K; k++) total += Math.exp(logTerms[k] - max);
      logDensity[row] = max + Math.log(total);
      for (let k = 0; k < K; k++) {
        const gamma = Math.exp(logTerms[k] - logDensity[row]);
        responsibilities[row * K + k] = gamma;
        for (let i = 0; i < d; i++) score[row * d + i] -= gamma * pulls[k][i];
      }
    }
    return { logDensity, score, responsibilities };
  }

  /** Per row: the most responsible component and the squared Mahalanobis distance to it. */
  nearest(values: Float32Array): { component: Int32Array; mahalanobis2: Float64Array } {
    const d = this.dim,
      K = this.components.length,
      n = values.length / d;
    const component = new Int32Array(n),
      mahalanobis2 = new Float64Array(n);
    const logTerms = new Float64Array(K),
      pulls = this.components.map(() => new Float64Array(d));
    for (let row = 0; row < n; row++) {
      const x = values.subarray(row * d, (row + 1) * d);
      this.componentTerms(x, logTerms, pulls);
      const k = logTerms.indexOf(maxOf(logTerms));
      component[row] = k;
      for (let i = 0; i < d; i++) mahalanobis2[row] += (x[i] - this.components[k].mean[i]) * pulls[k][i];
    }
    return { component, mahalanobis2 };
  }

  /** The most probable class of each row (posterior summed over the class's components). */
  classify(values: Float32Array): Int32Array {
    const K = this.components.length,
      n = values.length / this.dim;
    const { responsibilities } = this.evaluate(values);
    const out = new Int32Array(n),
      byClass = new Float64Array(this.classes);
    for (let row = 0; row < n; row++) {
      byClass.fill(0);
      for (let k = 0; k < K; k++) byClass[this.components[k].label] += responsibilities[row * K + k];
      out[row] = byClass.indexOf(maxOf(byClass));
    }
    return out;
  }

  /** The normalised product p·q: Σ_{jk} w_j v_k N(m_j; n_k, C_j + D_k) N(M_jk, S_jk) with
   * S = (C⁻¹ + D⁻¹)⁻¹ and M = S (C⁻¹ m + D⁻¹ n). */
  product(other: GaussianMixture): GaussianMixture {
    const d = this.dim;
    const components: Component[] = [];
    for (const a of this.components) {
      const aInv = inverseAndLogDet(a.covariance, d).inverse;
      for (const b of other.components) {
        const bInv = inverseAndLogDet(b.covariance, d).inverse;
        const covariance = inverseAndLogDet(
          aInv.map((v, i) => v + bInv[i]),
          d,
        ).inverse;
        const pulled = multiply(aInv, a.mean, d).map((v, i) => v + multiply(bInv, b.mean, d)[i]);
        const overlap = new GaussianMixture(d, [
          { weight: 1, mean: b.mean, covariance: a.covariance.map((v, i) => v + b.covariance[i]), label: 0 },
        ]);
        const logOverlap = overlap.evaluate(Float32Array.from(a.mean)).logDensity[0];
        components.push({
          weight: a.weight * b.weight * Math.exp(logOverlap),
          mean: multiply(covariance, pulled, d),
          covariance,
          label: components.length,
        });
      }
    }
    return new GaussianMixture(d, components);
  }
}
