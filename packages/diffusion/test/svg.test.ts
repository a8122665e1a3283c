// scatterSvg's axes and dots and pointsCsv's rows, with the expected coordinates worked by hand:
// a panel is 320 px with 24 px of padding, so a value v on an axis [lo, hi] lands at
// 24 + (v − lo) / (hi − lo) · 272 across (plus 320 in the second panel) and 296 − the same down.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makePoints } from '../src/points.js';
import { pointsCsv, scatterSvg } from '../src/svg.js';

const circles = (svg: string) =>
  [...svg.matchAll(/<circle cx="([^"]+)" cy="([^"]+)" r="1.6" fill="([^"]+)"/g)].map(([, cx, cy, fill]) => [
    cx,
    cy,
    fill,
  ]);

test('scatterSvg: the axes span both sets plus 8% on each side; each panel has its points', () => {
  // x and y both span [0, 1] over the two sets: the axes are [−0.08, 1.08], 1.16 wide.
  // 0 → 24 + 0.08/1.16·272 = 42.76; 1 → 24 + 1.08/1.16·272 = 277.24; 0.5 → 24 + 0.58/1.16·272 = 160.
  const reference = makePoints(Float32Array.of(0, 0, 1, 1), 2, Int32Array.of(0, 1));
  const samples = makePoints(Float32Array.of(0.5, 0.5), 2);
  const svg = scatterSvg(reference, samples, 'after');
  assert.ok(
    svg.startsWith(
      '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320"><title>after</title>',
    ),
    svg.slice(0, 120),
  );
  assert.ok(svg.endsWith('</svg>\n'));
  assert.equal(circles(svg), [
    ['42.8', '277.2', '#1f77b4'],
    ['277.2', '42.8', '#ff7f0e'], // ground truth, labels 0 and 1
    ['480.0', '160.0', '#1f77b4'], // the sample (no labels: the first colour), in the second panel
  ]);
  assert.ok(svg.includes('font-size="13">ground truth</text>') && svg.includes('font-size="13">after</text>'));
});

test('scatterSvg: 1-D points sit on y = 0 of a [−1, 1] axis; one repeated value gets a ±0.08 axis', () => {
  // x: every value is 2, so the axis is [1.92, 2.08] and 2 is its middle: 24 + 136 = 160; y = 0 → 296 − 136.
  const svg = scatterSvg(makePoints(Float32Array.of(2, 2), 1), makePoints(Float32Array.of(2), 1), 'one-d');
  assert.equal(
    circles(svg).map(([cx, cy]) => [cx, cy]),
    [
      ['160.0', '160.0'],
      ['160.0', '160.0'],
      ['480.0', '160.0'],
    ],
  );
});

test('scatterSvg: colours cycle through 10 by label; NaN and points past the 99.5% quantile are not drawn', () => {
  // 400 values 0..399 and an outlier at 1e6: the axis ends near 399 + 8% of the span, so 1e6 falls outside.
  const xs = Array.from({ length: 401 }, (_, i) => (i < 400 ? i : 1e6));
  const reference = makePoints(Float32Array.from(xs.flatMap((x) => [x, 0])), 2, Int32Array.from(xs.keys()));
  const samples = makePoints(Float32Array.of(NaN, 0, 10, 0), 2, Int32Array.of(10, 10));
  const dots = circles(scatterSvg(reference, samples, 'outliers'));
  assert.is(dots.length, 400 + 1); // the outlier and the NaN sample are left out
  assert.is(dots[12][2], '#2ca02c'); // label 12 → colour 2
  assert.is(dots[400][2], '#1f77b4'); // label 10 → colour 0
});

test('scatterSvg draws at most 2000 points of a set', () => {
  const many = makePoints(
    Float32Array.from({ length: 2 * 2500 }, (_, i) => i % 7),
    2,
  );
  assert.is(circles(scatterSvg(many, makePoints(Float32Array.of(1, 1), 2), 'many')).length, 2000 + 1);
});

test('pointsCsv: a header x0..x(d−1),label, then one row per point; an empty label without labels', () => {
  assert.is(
    pointsCsv(makePoints(Float32Array.of(0.5, -1, 2, 3), 2, Int32Array.of(4, 0))),
    'x0,x1,label\n0.5,-1,4\n2,3,0\n',
  );
  assert.is(pointsCsv(makePoints(Float32Array.of(1.25, 7), 1)), 'x0,label\n1.25,\n7,\n');
});

test.run();
