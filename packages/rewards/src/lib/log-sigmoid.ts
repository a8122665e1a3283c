// log σ(z) = −log(1 + e^−z), computed without overflow for large |z|.
export function logSigmoid(z: number): number {
  return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}
