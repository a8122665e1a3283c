import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NodeTester, runNode, testContext } from '@sous/core/testing';
import { scatter } from '../src/nodes/scatter.js';
import { makePoints } from '../src/points.js';
import type { Distribution } from '../src/data/distribution.js';

// Ground truth: two test points; samples: three labelled points (2-D).
const data: Distribution = {
  kind: 'distribution',
  name: 'fixed',
  dim: 2,
  classes: 2,
  space: 'data',
  train: makePoints(Float32Array.of(0, 0, 1, 1), 2),
  test: makePoints(Float32Array.of(0, 0, 1, 1), 2, Int32Array.of(0, 1)),
  sample: () => {
    throw new Error('scatter draws nothing');
  },
};
const samples = makePoints(Float32Array.of(0.5, 0.25, -1, 2, 1.5, -0.75), 2, Int32Array.of(1, 0, 1));

test('scatter writes samples/<name>-step<k>.csv and .svg into the run folder, k = step + 1', async () => {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-scatter-'));
  try {
    const metrics = await runNode<Promise<Record<string, number>>>(
      scatter,
      { samples, data },
      { name: 'moons.a' },
      testContext({ runDir, step: 4 }),
    );
    assert.equal(metrics, {});
    assert.equal(fs.readdirSync(path.join(runDir, 'samples')).sort(), ['moons.a-step5.csv', 'moons.a-step5.svg']);
    assert.is(
      fs.readFileSync(path.join(runDir, 'samples', 'moons.a-step5.csv'), 'utf8'),
      'x0,x1,label\n0.5,0.25,1\n-1,2,0\n1.5,-0.75,1\n',
    );
    const svg = fs.readFileSync(path.join(runDir, 'samples', 'moons.a-step5.svg'), 'utf8');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), svg.slice(0, 80));
    assert.ok(svg.includes('<title>moons.a, step 5</title>'));
    assert.is(svg.match(/<circle /g)?.length, 2 + 3); // every truth and sample point is inside the shared axes
    assert.is(svg.match(/fill="#ff7f0e"/g)?.length, 1 + 2); // label 1's colour: one truth point, two samples
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
});

test('scatter outside a run folder writes nothing and still checks its inputs', async () => {
  assert.equal(await runNode<Promise<Record<string, number>>>(scatter, { samples, data }), {});
  await new NodeTester(scatter).run({
    invalid: [
      {
        inputs: { samples: makePoints(Float32Array.of(1, 2), 1), data },
        messageId: 'pointsDim',
        data: { got: 1, want: 2 },
      },
    ],
  });
  assert.throws(() => scatter.params.parse({ name: '../escape' }), /use letters, digits/);
});

test.run();
