import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { product } from '../src/nodes/product.js';
import { twoMoons } from '../src/nodes/two_moons.js';
import type { Distribution } from '../src/data/distribution.js';
import { close, F64 } from './helpers.js';

// p: modes (±2, 0), covariance 0.25·I; q: one mode at the origin, covariance 1·I (radius is unused for one mode on a grid).
const p = runNode<Distribution>(
  gaussianMixture,
  {},
  { components: 2, radius: 2, std: 0.5, train_size: 4, test_size: 4 },
);
const q = runNode<Distribution>(
  gaussianMixture,
  {},
  { layout: 'grid', components: 1, radius: 1, std: 1, train_size: 4, test_size: 4 },
);

test('product: one component per pair, precision-weighted, weighted by the overlap N(m_j; n_k, C_j + D_k)', () => {
  const pq = runNode<Distribution>(product, { first: p, second: q }, { train_size: 6, test_size: 3, seed: 2 });
  const components = pq.mixture!.components;
  assert.is(components.length, 2);
  // S = (4 + 1)⁻¹ I = 0.2 I; M = S·(4 m_j + 0) = 0.8 m_j; the overlaps are equal by symmetry, so w = ½ each.
  components.forEach((component, k) => {
    const m = k === 0 ? 2 : -2;
    close(component.mean[0], 0.8 * m, 8 * F64 * 2, `mean ${k}`);
    close(component.covariance[0], 0.2, 8 * F64, `variance ${k}`);
    assert.is(component.covariance[1], 0);
    close(component.weight, 0.5, 8 * F64, `weight ${k}`);
  });
  assert.equal([pq.dim, pq.train.count, pq.test.count, pq.space], [2, 6, 3, 'data']);
});

test('product: its splits are draws from the product mixture, fixed by the data seed', () => {
  const pq = runNode<Distribution>(product, { first: p, second: q }, { train_size: 6, test_size: 3, seed: 2 });
  const splits = new Rng('diffusion.data/product/2');
  assert.equal([...pq.train.values], [...pq.mixture!.sample(6, splits.fork('train')).values]);
  assert.equal([...pq.test.values], [...pq.mixture!.sample(3, splits.fork('test')).values]);
});

test('product: unequal overlaps decide the weights (a far mode of q loses)', () => {
  // q2 = ½N((2, 0), I) + ½N((−2, 0), I) against p: the pairs on the same side overlap with
  // N(0; 0, 1.25 I), the crossed ones with N((4, 0); 0, 1.25 I), e^{−16/2.5} times less.
  const q2 = runNode<Distribution>(
    gaussianMixture,
    {},
    { components: 2, radius: 2, std: 1, train_size: 4, test_size: 4 },
  );
  const weights = runNode<Distribution>(
    product,
    { first: p, second: q2 },
    { train_size: 4, test_size: 4 },
  ).mixture!.components.map((c) => c.weight);
  const cross = Math.exp(-16 / 2.5),
    same = 1 / (2 * (1 + cross));
  [same, cross * same, cross * same, same].forEach((w, k) => close(weights[k], w, 64 * F64, `weight ${k}`));
});

test('product: mixtures of different dimension, or without a closed form, are errors', async () => {
  const threeD = runNode<Distribution>(gaussianMixture, {}, { components: 2, dim: 3, train_size: 4, test_size: 4 });
  const moons = runNode<Distribution>(twoMoons, {}, { train_size: 4, test_size: 4 });
  await new NodeTester(product).run({
    invalid: [
      { inputs: { first: p, second: threeD }, messageId: 'dims', data: { first: 2, second: 3 } },
      { inputs: { first: p, second: moons }, messageId: 'noMixture', data: { name: 'two_moons' } },
    ],
  });
});

test.run();
