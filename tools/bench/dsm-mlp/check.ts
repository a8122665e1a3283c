// The dsm-mlp agreement check: the DSM loss and every parameter's gradient of @sous/diffusion's
// MLP denoiser on one batch, against reference.py computing the same from the same weights, data,
// times and noise. The times and noise are those dsmLoss itself draws: a recording generator keeps
// them so that the reference can replay them.
import { Rng, tf } from '@sous/core';
import { runNode } from '@sous/core/testing';
import diffusion, { MlpDenoiser, dsmLoss, type NoiseSchedule } from '@sous/diffusion';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReference } from '../grpo/reference.js';
import { BATCH, BETA_MAX, BETA_MIN, DIM, FREQUENCIES, HIDDEN, LAYERS, T_MIN } from './workload.js';

const REFERENCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference.py');

/** An Rng that records the uniforms and normals it hands out (a normal's own uniforms apart). */
class RecordingRng extends Rng {
  readonly uniforms: number[] = [];
  readonly normals: number[] = [];
  private drawingNormal = false;

  override uniform(): number {
    const u = super.uniform();
    if (!this.drawingNormal) this.uniforms.push(u);
    return u;
  }

  override normal(): number {
    this.drawingNormal = true;
    try {
      const z = super.normal();
      this.normals.push(z);
      return z;
    } finally {
      this.drawingNormal = false;
    }
  }
}

/** The recipe's linear VP process, made by the diffusion plugin's own `vp` node. */
function vpSchedule(): NoiseSchedule {
  const vp = diffusion.nodes.find((node) => node.name === 'vp')!;
  return runNode<NoiseSchedule>(vp, {}, { beta_min: BETA_MIN, beta_max: BETA_MAX, t_min: T_MIN });
}

export interface DsmCase {
  names: string[];
  weights: Record<string, number[][] | number[]>;
  x0: number[];
  uniforms: number[];
  normals: number[];
}

export interface DsmResult {
  loss: number;
  grad_norms: number[];
}

/** sous's loss and gradient norms on a seeded batch, with the case that reproduces them. */
export function sousDsmCheck(): { case: DsmCase; result: DsmResult } {
  const model = new MlpDenoiser(
    {
      dim: DIM,
      hidden: HIDDEN,
      layers: LAYERS,
      frequencies: FREQUENCIES,
      classes: 0,
      parametrization: 'eps',
      sigmaData: 1,
    },
    new Rng('dsm-mlp/check/init'),
  );
  const data = new Rng('dsm-mlp/check/data');
  const x0 = Float32Array.from({ length: BATCH * DIM }, () => 4 * data.normal());
  const rng = new RecordingRng('dsm-mlp/check/loss');
  const variables = model.namedVariables();
  const { value, grads } = tf.variableGrads(() =>
    dsmLoss(model, vpSchedule(), x0, null, { weighting: 'eps', sigmaData: 1, labelDropout: 0 }, rng),
  );
  const names = [...variables.keys()];
  const byVariable = new Map([...variables].map(([name, v]) => [v.name, name]));
  const norms = new Map(Object.entries(grads).map(([id, g]) => [byVariable.get(id)!, tf.norm(g).dataSync()[0]]));
  const result = { loss: value.dataSync()[0], grad_norms: names.map((name) => norms.get(name)!) };
  const weights = Object.fromEntries(names.map((name) => [name, variables.get(name)!.arraySync() as number[][]]));
  tf.dispose([value, ...Object.values(grads), ...variables.values()]);
  return { case: { names, weights, x0: [...x0], uniforms: rng.uniforms, normals: rng.normals }, result };
}

/** Loss and gradient norms must agree to this relative difference (float32 sums in two orders). */
export const CHECK_TOLERANCE = 1e-5;

export interface Comparison {
  label: string;
  sous: number;
  pytorch: number;
  relative: number;
}

/** sous's loss and gradient norms beside reference.py's on the same case (needs PyTorch). */
export function compareWithPyTorch(): Comparison[] {
  const { case: input, result: ours } = sousDsmCheck();
  const reference = runReference(['--check'], undefined, {
    script: REFERENCE,
    input: JSON.stringify(input),
  }) as DsmResult;
  const pairs: [string, number, number][] = [
    ['loss', ours.loss, reference.loss],
    ...input.names.map((name, i): [string, number, number] => [
      `|grad ${name}|`,
      ours.grad_norms[i],
      reference.grad_norms[i],
    ]),
  ];
  return pairs.map(([label, sous, pytorch]) => ({
    label,
    sous,
    pytorch,
    relative: Math.abs(sous - pytorch) / Math.max(Math.abs(sous), Math.abs(pytorch)),
  }));
}
