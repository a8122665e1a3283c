// diffusion.product: the exact normalised product of two Gaussian-mixture distributions, the
// ground truth for product-of-experts sampling with Feynman–Kac correctors (Skreta et al. 2025).
import { z } from 'zod';
import { SousError, defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { asDistribution, mixtureOf } from '../inputs.js';
import { DATA_MEMBERS, splitParams } from './data-params.js';

export const product = defineNode({
  name: 'product',
  kind: 'task',
  doc:
    'The normalised product p·q of two Gaussian-mixture distributions, itself a mixture with one component per ' +
    'pair: N(m_j, C_j)·N(n_k, D_k) ∝ N(m_j; n_k, C_j + D_k)·N(M, S), S = (C_j⁻¹ + D_k⁻¹)⁻¹, ' +
    'M = S(C_j⁻¹ m_j + D_k⁻¹ n_k). Members: train, test.',
  params: z.object(splitParams),
  inputs: {
    first: { type: 'Any', doc: 'A Gaussian-mixture distribution.' },
    second: { type: 'Any', doc: 'Another, of the same dimension.' },
  },
  output: 'Any',
  members: DATA_MEMBERS,
  run({ first, second }, sizes) {
    const a = mixtureOf(asDistribution(first, 'diffusion.product'), 'diffusion.product');
    const b = mixtureOf(asDistribution(second, 'diffusion.product'), 'diffusion.product');
    if (a.dim !== b.dim) throw new SousError(`diffusion.product: the distributions have dimensions ${a.dim} and ${b.dim}`);
    const mixture = a.product(b);
    return makeDistribution('product', (count, rng) => mixture.sample(count, rng), sizes, { mixture });
  },
});
