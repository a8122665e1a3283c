import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { ParamSchemaError, paramSpecs } from '../src/param-specs.js';

const where = (param?: string) => `node n${param ? `, parameter "${param}"` : ''}`;

test("a list carries its elements' bounds and how many elements it takes", () => {
  const [betas, levels, weights, k] = paramSpecs(
    z.object({
      betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.999]),
      levels: z.array(z.number().positive()).min(1).max(32),
      weights: z.array(z.number()).max(4),
      k: z.array(z.int().min(1)).nonempty(),
    }),
    where,
  );
  assert.equal(betas, {
    name: 'betas',
    type: 'list',
    doc: '',
    required: false,
    default: [0.9, 0.999],
    items: 'number',
    min: 0,
    max: 1,
    maxExclusive: true,
    minItems: 2,
    maxItems: 2,
  });
  assert.equal(levels, {
    name: 'levels',
    type: 'list',
    doc: '',
    required: true,
    items: 'number',
    min: 0,
    minExclusive: true,
    minItems: 1,
    maxItems: 32,
  });
  assert.equal(weights, { name: 'weights', type: 'list', doc: '', required: true, items: 'number', maxItems: 4 });
  assert.equal(k, { name: 'k', type: 'list', doc: '', required: true, items: 'integer', min: 1, minItems: 1 });
});

test('a tuple whose elements differ in bounds cannot be one ParamSpec', () => {
  assert.throws(
    () => paramSpecs(z.object({ pair: z.tuple([z.number().min(0), z.number().max(1)]) }), where),
    (error: Error) =>
      error instanceof ParamSchemaError &&
      error.message === 'node n, parameter "pair": a list parameter needs the same bounds on every element',
  );
});

test('a schema zod cannot describe names its owner', () => {
  const unrepresentable = z.object({ when: z.date() });
  assert.throws(
    () => paramSpecs(unrepresentable, where),
    (error: Error) =>
      error instanceof ParamSchemaError && /^node n, parameter "when": sous parameters are/.test(error.message),
  );
});

test.run();
