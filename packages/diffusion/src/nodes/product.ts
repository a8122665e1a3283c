// diffusion.product: the exact normalised product of two Gaussian-mixture distributions, the
// ground truth for product-of-experts sampling with Feynman–Kac correctors (Skreta et al. 2025).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { makeDistribution } from '../data/distribution.js';
import { mixtureMessages, mixtureOf } from '../checks.js';
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
    first: { type: 'Distribution', doc: 'A Gaussian-mixture distribution.' },
    second: { type: 'Distribution', doc: 'Another, of the same dimension.' },
  },
  output: 'Distribution',
  members: DATA_MEMBERS,
  messages: { ...mixtureMessages, dims: 'the distributions have dimensions {{first}} and {{second}}' },
  run({ first, second }, sizes, ctx) {
    const a = mixtureOf(first, ctx.fail);
    const b = mixtureOf(second, ctx.fail);
    if (a.dim !== b.dim) ctx.fail('dims', { first: a.dim, second: b.dim });
    const mixture = a.product(b);
    return makeDistribution('product', (count, rng) => mixture.sample(count, rng), sizes, { mixture });
  },
});
