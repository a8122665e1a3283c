// The one-step generator nodes of score identity distillation: the generator and the fake denoiser
// start as exact copies of the teacher, samples are G(z, c) for the class they carry, and
// class_fidelity's shares and MMD on a hand fixture.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Rng, tf } from '@sous/core';
import { NodeTester, runNode } from '@sous/core/testing';
import { ExactDenoiser } from '../src/models/exact.js';
import { MlpDenoiser } from '../src/models/mlp.js';
import type { OneStepGenerator } from '../src/models/one-step-generator.js';
import { levelsAtTime } from '../src/schedules/schedule.js';
import { edm } from '../src/schedules/ve.js';
import { classFidelity } from '../src/nodes/class_fidelity.js';
import { denoiserCopy } from '../src/nodes/denoiser_copy.js';
import { gaussianMixture } from '../src/nodes/gaussian_mixture.js';
import { lognormalMixture } from '../src/nodes/lognormal_mixture.js';
import { oneStepGenerator } from '../src/nodes/one_step_generator.js';
import { oneStepSample } from '../src/nodes/one_step_sample.js';
import type { Distribution } from '../src/data/distribution.js';
import { makePoints, type Points } from '../src/points.js';
import { close, F64, gaussian } from './helpers.js';

const schedule = edm({ sigmaMin: 0.002, sigmaMax: 80, rho: 7, pMean: -1.2, pStd: 1.2 });
const teacher = new MlpDenoiser(
  { dim: 2, hidden: 8, layers: 2, frequencies: 2, classes: 3, parametrization: 'edm', sigmaData: 0.5 },
  new Rng('teacher'),
);
const noise = [
  [0.3, -1.1],
  [1.4, 0.2],
  [-0.7, 0.9],
];
const labels = Int32Array.of(0, 2, 1);
const notMlp = new ExactDenoiser(gaussian([0, 0], [1, 0, 0, 1]));

/** The teacher's denoised estimate at x = b + σ(t) z, level t: what a fresh generator must return. */
function teacherAt(time: number, z: number[][], rows: Int32Array): number[][] {
  const levels = levelsAtTime(schedule, time, z.length);
  return tf.tidy(() => {
    const x = tf.add(tf.mul(levels.sigma[0], tf.tensor2d(z)), levels.shift[0]) as tf.Tensor2D;
    return teacher.denoise(x, levels, rows).arraySync();
  });
}

function generatorOf(time = 2.5): OneStepGenerator {
  return runNode<OneStepGenerator>(oneStepGenerator, { teacher, schedule }, { time });
}

test('one_step_generator: at noise z it gives D(b + σz, t, c) of the copied teacher, on weights of its own', () => {
  const generator = generatorOf(2.5);
  assert.is(generator.time, 2.5);
  assert.is(levelsAtTime(schedule, 2.5, 1).sigma[0], 2.5); // under EDM, t = σ
  const generate = () => tf.tidy(() => generator.generate(tf.tensor2d(noise), labels).arraySync());
  assert.equal(generate(), teacherAt(2.5, noise, labels));
  // Another time is another input level: the output changes.
  assert.not.equal(
    tf.tidy(() => generatorOf(1).generate(tf.tensor2d(noise), labels).arraySync()),
    teacherAt(2.5, noise, labels),
  );
  // Training the generator leaves the teacher alone.
  const [name, variable] = [...generator.namedVariables()][0];
  variable.assign(tf.zerosLike(variable));
  assert.not.equal(generate(), teacherAt(2.5, noise, labels));
  assert.ok(
    teacher
      .namedVariables()
      .get(name)!
      .dataSync()
      .some((value) => value !== 0),
  );
});

test('one_step_generator: a teacher that is no MLP, and a time outside the schedule, are errors', async () => {
  await new NodeTester(oneStepGenerator).run({
    invalid: [
      {
        inputs: { teacher: notMlp, schedule },
        messageId: 'notMlp',
        data: { got: 'a value of kind "model" (ExactDenoiser)' },
      },
      {
        inputs: { teacher, schedule },
        params: { time: 100 },
        messageId: 'timeRange',
        data: { time: 100, schedule: schedule.name, min: 0.002, max: 80 },
      },
    ],
  });
});

test('denoiser_copy: the same outputs as the source, from variables of its own', async () => {
  const levels = levelsAtTime(schedule, 0.7, noise.length);
  const denoised = (model: MlpDenoiser) => tf.tidy(() => model.denoise(tf.tensor2d(noise), levels, labels).arraySync());
  const copy = runNode<MlpDenoiser>(denoiserCopy, { source: teacher });
  assert.ok(copy instanceof MlpDenoiser && copy !== teacher);
  assert.equal(denoised(copy), denoised(teacher));
  const before = denoised(teacher);
  copy.namedVariables().forEach((variable) => variable.assign(tf.zerosLike(variable)));
  assert.equal(denoised(teacher), before);
  assert.not.equal(denoised(copy), before);
  await new NodeTester(denoiserCopy).run({
    invalid: [
      { inputs: { source: notMlp }, messageId: 'notMlp', data: { got: 'a value of kind "model" (ExactDenoiser)' } },
    ],
  });
});

test('one_step_sample: n points G(z, c) labelled with their class, every class in turn or one', async () => {
  const generator = generatorOf();
  // The node draws z row by row from ctx.rng; the same stream gives the expected points.
  const expected = (n: number, rows: Int32Array) => {
    const rng = new Rng('draw');
    const z = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
    return Float32Array.from(teacherAt(2.5, z, rows).flat());
  };
  const inTurn = Int32Array.of(0, 1, 2, 0, 1);
  await new NodeTester(oneStepSample).run({
    valid: [
      {
        name: 'every class in turn',
        inputs: { generator },
        params: { n: 5 },
        context: { rng: new Rng('draw') },
        expect: makePoints(expected(5, inTurn), 2, inTurn),
      },
      {
        name: 'class 2 only',
        inputs: { generator },
        params: { n: 2, label: 2 },
        context: { rng: new Rng('draw') },
        expect: makePoints(expected(2, Int32Array.of(2, 2)), 2, Int32Array.of(2, 2)),
      },
    ],
    invalid: [
      {
        inputs: { generator: teacher },
        messageId: 'notGenerator',
        data: { got: 'a value of kind "model" (MlpDenoiser)' },
      },
      { inputs: { generator }, params: { label: 3 }, messageId: 'labelRange', data: { label: 3, classes: 3 } },
    ],
  });
});

// Four modes on a ring of radius 2 at (2, 0), (0, 2), (−2, 0), (0, −2); two classes: k mod 2.
const ring = runNode<Distribution>(
  gaussianMixture,
  {},
  { components: 4, radius: 2, std: 0.3, classes: 2, train_size: 4, test_size: 4 },
);
const points = (values: number[], rows: number[]) => makePoints(Float32Array.from(values), 2, Int32Array.from(rows));

test('class_fidelity: where each class lands, and its MMD to the reference class, by hand', () => {
  // Drawn for class 0: twice (0, 2), in class 1's region. Drawn for class 1: (0, 2) and (0, −2) in its own, (2, 0) in class 0's.
  const samples = points([0, 2, 0, 2, 0, 2, 0, -2, 2, 0], [0, 0, 1, 1, 1]);
  const reference = points([2, 0, -2, 0, 0, 2, 0, -2], [0, 0, 1, 1]);
  const metrics = runNode<Record<string, number>>(classFidelity, { samples, reference, data: ring });
  assert.equal(Object.keys(metrics).sort(), ['mmd_0', 'mmd_1', 'share_0_0', 'share_0_1', 'share_1_0', 'share_1_1']);
  assert.is(metrics.share_0_0, 0);
  assert.is(metrics.share_0_1, 1);
  assert.is(metrics.share_1_0, 1 / 3);
  assert.is(metrics.share_1_1, 2 / 3);
  // Class 0: the pooled points' six distances are 0, √8 (four times) and 4; the median (the 4th) is h = √8, so
  // k(d) = exp(−d²/16). Within the samples k(0) = 1, within the reference k(4) = e^−1, across k(√8) = e^−½:
  // MMD² = 1 + e^−1 − 2e^−½.
  close(metrics.mmd_0, Math.sqrt(1 + Math.exp(-1) - 2 * Math.exp(-0.5)), 64 * F64, 'mmd_0');
  // Class 1: the reference plus a point √8 from both; h = √8 again and MMD² = (2e^−1 − 2)/3 < 0, reported as 0.
  assert.is(metrics.mmd_1, 0);
});

test('class_fidelity: unlabelled points, other dimensions, a class with under 2 points and data without a mixture are errors', async () => {
  const samples = points([2, 0, 0, 2, 0, 2, 0, -2], [0, 0, 1, 1]);
  const positive = runNode<Distribution>(lognormalMixture, {}, { train_size: 4, test_size: 4 });
  const unlabelled: Points = makePoints(samples.values, 2);
  await new NodeTester(classFidelity).run({
    invalid: [
      {
        inputs: { samples: unlabelled, reference: samples, data: ring },
        messageId: 'noLabels',
        data: { port: 'samples' },
      },
      {
        inputs: { samples, reference: makePoints(Float32Array.of(1, 2), 1, Int32Array.of(0, 1)), data: ring },
        messageId: 'dims',
        data: { port: 'reference', got: 1, want: 2 },
      },
      {
        inputs: { samples: points([2, 0, 0, 2, 0, 2], [0, 0, 1]), reference: samples, data: ring },
        messageId: 'emptyClass',
        data: { port: 'samples', label: 1 },
      },
      {
        inputs: { samples, reference: samples, data: positive },
        messageId: 'noMixture',
        data: { name: positive.name },
      },
    ],
  });
});

test.run();
