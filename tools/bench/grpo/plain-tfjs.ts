// The GRPO benchmark workloads in plain TensorFlow.js, without sous: the second reference, what a
// straightforward tfjs program does on the same backend. Written the way the tfjs docs suggest —
// functional ops, tf.variableGrads, 2-D activations for the dense layers, batched matmuls for
// attention — with the two workarounds any wasm user needs: the embedding lookup is a one-hot
// product (wasm has no gather gradient) and sampling draws from seeded uniforms on the host.
//   node --conditions=source --import tsx plain-tfjs.ts [--workload grpo-small] [--backend wasm] [--budget-s 120]
// prints one JSON row (see run.ts).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ADAMW,
  ADV_EPSILON,
  CLIP,
  KL_WEIGHT,
  WORKLOADS,
  type Workload,
  checkBatch,
  prompts,
  randomWeights,
  rewards,
  uniform,
  workloadNamed,
} from './workload.js';
import type { CheckStep } from './agreement.js';
import { medianRuns, peakRssMb, type Row } from './timing.js';

type Params = Map<string, tf.Variable>;

function initialParams(w: Workload, trainable: boolean): Params {
  const params: Params = new Map();
  for (const [name, { shape, values }] of randomWeights(w))
    params.set(name, tf.variable(tf.tensor(values, shape), trainable));
  const vector = (name: string, size: number, value: number) =>
    params.set(name, tf.variable(tf.fill([size], value), trainable));
  for (let l = 0; l < w.layers; l++) {
    vector(`l${l}.ln1_w`, w.dModel, 1);
    vector(`l${l}.ln1_b`, w.dModel, 0);
    vector(`l${l}.bqkv`, 3 * w.dModel, 0);
    vector(`l${l}.bproj`, w.dModel, 0);
    vector(`l${l}.ln2_w`, w.dModel, 1);
    vector(`l${l}.ln2_b`, w.dModel, 0);
    vector(`l${l}.bfc`, w.dFF, 0);
    vector(`l${l}.bfc2`, w.dModel, 0);
  }
  vector('lnf_w', w.dModel, 1);
  vector('lnf_b', w.dModel, 0);
  return params;
}

function layerNorm(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), w), b) as tf.Tensor2D;
}

const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));

/** [b·t, d] → [b·heads, t, head dim]. */
const heads = (w: Workload, x: tf.Tensor, b: number, t: number) =>
  tf.reshape(tf.transpose(tf.reshape(x, [b, t, w.heads, w.dModel / w.heads]), [0, 2, 1, 3]), [
    b * w.heads,
    t,
    w.dModel / w.heads,
  ]);

interface Kv {
  k: tf.Tensor3D;
  v: tf.Tensor3D;
}

/** Logits [b·t, vocab] of tokens [b, t] at positions p0..; appends to `cache` when given. */
function forward(w: Workload, p: Params, tokens: tf.Tensor2D, p0 = 0, cache?: Kv[]): tf.Tensor2D {
  const [b, t] = tokens.shape;
  const g = (name: string) => p.get(name)!;
  const oneHot = tf.oneHot(tf.reshape(tokens, [-1]), w.vocab) as tf.Tensor2D;
  const positions = tf.oneHot(tf.tile(tf.range(p0, p0 + t, 1, 'int32'), [b]), w.context) as tf.Tensor2D;
  let h = tf.add(tf.matMul(oneHot, g('wte')), tf.matMul(positions, g('wpe'))) as tf.Tensor2D;
  for (let l = 0; l < w.layers; l++) {
    const qkv = tf.add(tf.matMul(layerNorm(h, g(`l${l}.ln1_w`), g(`l${l}.ln1_b`)), g(`l${l}.Wqkv`)), g(`l${l}.bqkv`));
    const [q, k0, v0] = tf.split(qkv, 3, 1).map((z) => heads(w, z, b, t));
    let k = k0 as tf.Tensor3D,
      v = v0 as tf.Tensor3D;
    if (cache?.[l]) {
      k = tf.concat([cache[l].k, k], 1);
      v = tf.concat([cache[l].v, v], 1);
    }
    if (cache) {
      if (cache[l]) tf.dispose([cache[l].k, cache[l].v]);
      cache[l] = { k: tf.keep(k), v: tf.keep(v) };
    }
    let att = tf.div(tf.matMul(q, k, false, true), Math.sqrt(w.dModel / w.heads));
    if (t > 1) att = tf.add(att, tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([t, t]), -1, 0)), -1e9));
    const y = tf.reshape(
      tf.transpose(tf.reshape(tf.matMul(tf.softmax(att), v), [b, w.heads, t, w.dModel / w.heads]), [0, 2, 1, 3]),
      [b * t, w.dModel],
    );
    h = tf.add(h, tf.add(tf.matMul(y, g(`l${l}.Wproj`)), g(`l${l}.bproj`))) as tf.Tensor2D;
    const m = gelu(tf.add(tf.matMul(layerNorm(h, g(`l${l}.ln2_w`), g(`l${l}.ln2_b`)), g(`l${l}.Wfc`)), g(`l${l}.bfc`)));
    h = tf.add(h, tf.add(tf.matMul(m as tf.Tensor2D, g(`l${l}.Wfc2`)), g(`l${l}.bfc2`))) as tf.Tensor2D;
  }
  return tf.matMul(layerNorm(h, g('lnf_w'), g('lnf_b')), g('Whead'));
}

/** Phase A: prefill and newTokens − 1 cached steps; each token drawn from softmax with a host uniform. */
async function sample(w: Workload, p: Params, promptRows: number[][], run: number): Promise<Int32Array> {
  const tokens = new Int32Array(w.sequences * w.length);
  promptRows.forEach((row, b) => tokens.set(row, b * w.length));
  const cache: Kv[] = [];
  let input = tf.tensor2d(promptRows.flat(), [w.sequences, w.promptLength], 'int32');
  let draw = 0;
  for (let step = 0; step < w.newTokens; step++) {
    const probs = tf.tidy(() => {
      const time = input.shape[1];
      const logits = tf.reshape(forward(w, p, input, step === 0 ? 0 : w.promptLength + step - 1, cache), [
        w.sequences,
        time,
        w.vocab,
      ]);
      return tf.softmax(tf.squeeze(tf.slice(logits, [0, time - 1, 0], [-1, 1, -1]), [1]));
    });
    const values = await probs.data();
    probs.dispose();
    input.dispose();
    const next = new Int32Array(w.sequences);
    for (let b = 0; b < w.sequences; b++) {
      let u = uniform(1000 + run, draw++),
        i = 0;
      while (i < w.vocab - 1 && (u -= values[b * w.vocab + i]) > 0) i++;
      next[b] = i;
      tokens[b * w.length + w.promptLength + step] = i;
    }
    input = tf.tensor2d(next, [w.sequences, 1], 'int32');
  }
  input.dispose();
  cache.forEach(({ k, v }) => tf.dispose([k, v]));
  return tokens;
}

/** log-softmax of the logits at positions promptLength − 1 .. length − 2, of the completion tokens:
 * [sequences · newTokens]. */
function completionLogp(w: Workload, p: Params, tokens: tf.Tensor2D): tf.Tensor {
  const logp = tf.reshape(tf.logSoftmax(forward(w, p, tokens)), [w.sequences, w.length, w.vocab]);
  const scored = tf.reshape(tf.slice(logp, [0, w.promptLength - 1, 0], [-1, w.newTokens, -1]), [-1, w.vocab]);
  const targets = tf.reshape(tf.slice(tokens, [0, w.promptLength], [-1, w.newTokens]), [-1]);
  return tf.sum(tf.mul(scored, tf.oneHot(targets, w.vocab)), 1);
}

function advantages(w: Workload): tf.Tensor {
  const r = rewards(w);
  const out = new Float32Array(w.sequences * w.newTokens);
  for (let g = 0; g < w.prompts; g++) {
    const group = r.subarray(g * w.group, (g + 1) * w.group);
    const mean = group.reduce((a, x) => a + x, 0) / w.group;
    const std = Math.sqrt(group.reduce((a, x) => a + (x - mean) ** 2, 0) / (w.group - 1));
    for (let i = 0; i < w.group; i++)
      out.fill(
        (group[i] - mean) / (std + ADV_EPSILON),
        (g * w.group + i) * w.newTokens,
        (g * w.group + i + 1) * w.newTokens,
      );
  }
  return tf.tensor1d(out);
}

/** AdamW (weight decay 0) with PyTorch's arithmetic. */
function adamw(p: Params) {
  const m = new Map([...p].map(([n, v]) => [n, tf.variable(tf.zerosLike(v))]));
  const v2 = new Map([...p].map(([n, v]) => [n, tf.variable(tf.zerosLike(v))]));
  let t = 0;
  const [b1, b2] = ADAMW.betas;
  return (grads: Record<string, tf.Tensor>, names: Map<string, string>) => {
    t++;
    tf.tidy(() => {
      for (const [tfName, g] of Object.entries(grads)) {
        const name = names.get(tfName)!;
        m.get(name)!.assign(tf.add(tf.mul(m.get(name)!, b1), tf.mul(g, 1 - b1)));
        v2.get(name)!.assign(tf.add(tf.mul(v2.get(name)!, b2), tf.mul(tf.square(g), 1 - b2)));
        const denom = tf.add(tf.div(tf.sqrt(v2.get(name)!), Math.sqrt(1 - b2 ** t)), ADAMW.eps);
        p.get(name)!.assign(tf.sub(p.get(name)!, tf.mul(tf.div(m.get(name)!, denom), ADAMW.lr / (1 - b1 ** t))));
      }
    });
  };
}

/** One GRPO step; the ratio's denominator is `oldLogp`, or without it the current policy's
 * (on-policy, what the benchmark times). Returns the loss before the update. */
function trainStep(
  w: Workload,
  policy: Params,
  ref: Params,
  update: ReturnType<typeof adamw>,
  names: Map<string, string>,
  tokenIds: Int32Array,
  adv: tf.Tensor,
  oldLogp?: tf.Tensor,
): number {
  return tf.tidy(() => {
    const tokens = tf.tensor2d(tokenIds, [w.sequences, w.length], 'int32');
    const refLogp = completionLogp(w, ref, tokens);
    const { value, grads } = tf.variableGrads(() => {
      const logp = completionLogp(w, policy, tokens);
      const ratio = tf.exp(tf.sub(logp, oldLogp ?? detach(logp)));
      return tf.mean(lossTerms(logp, ratio, refLogp, adv)) as tf.Scalar;
    });
    update(grads, names);
    return value.dataSync()[0];
  });
}

/** x without gradient (tfjs has no stop_gradient op). */
const detach = tf.customGrad((x) => ({ value: tf.clone(x as tf.Tensor), gradFunc: (dy) => tf.zerosLike(dy) })) as (
  x: tf.Tensor,
) => tf.Tensor;

/** The k3 estimate of KL(policy ‖ ref) per token: exp(d) − d − 1 with d = refLogp − logp. */
function k3(logp: tf.Tensor, refLogp: tf.Tensor): tf.Tensor {
  const d = tf.sub(refLogp, logp);
  return tf.sub(tf.sub(tf.exp(d), d), 1);
}

/** pg + β·kl per token; `ratio` = exp(logp − old logp). */
function lossTerms(logp: tf.Tensor, ratio: tf.Tensor, refLogp: tf.Tensor, adv: tf.Tensor): tf.Tensor {
  const pg = tf.neg(tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - CLIP, 1 + CLIP), adv)));
  return tf.add(pg, tf.mul(k3(logp, refLogp), KL_WEIGHT));
}

/**
 * The check batch (shared/bench/grpo-tiny.md, `--check`) through this program's own forward,
 * loss and AdamW, on the current backend: per step the loss, and the mean log-prob and k3 KL
 * before the update, with the ratio's denominator frozen at the first step's policy (as
 * reference.py and grpo-tiny-check.recipe do). Tests compare it with sous's run of the check.
 */
export function plainCheck(steps: number, w: Workload = WORKLOADS['grpo-tiny']): CheckStep[] {
  const policy = initialParams(w, true),
    ref = initialParams(w, false);
  const names = new Map([...policy].map(([n, v]) => [v.name, n]));
  const update = adamw(policy);
  const adv = advantages(w);
  const tokenIds = checkBatch(w);
  const tokens = tf.tensor2d(tokenIds, [w.sequences, w.length], 'int32');
  const firstLogp = tf.tidy(() => completionLogp(w, policy, tokens));
  const out: CheckStep[] = [];
  for (let step = 0; step < steps; step++) {
    const [meanLogp, meanKl] = tf.tidy(() => {
      const logp = completionLogp(w, policy, tokens);
      return [tf.mean(logp), tf.mean(k3(logp, completionLogp(w, ref, tokens)))].map((t) => t.dataSync()[0]);
    });
    const loss = trainStep(w, policy, ref, update, names, tokenIds, adv, firstLogp);
    out.push({ loss, mean_logp: meanLogp, mean_kl: meanKl });
  }
  tf.dispose([tokens, firstLogp, adv, ...policy.values(), ...ref.values()]);
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', default: 'grpo-tiny' },
      'd-model': { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      'budget-s': { type: 'string', default: '150' },
    },
  });
  const w = workloadNamed(values.workload!, values['d-model']);
  if (values.backend === 'wasm')
    setWasmPaths(path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
  await tf.setBackend(values.backend!);
  await tf.ready();
  const policy = initialParams(w, true),
    ref = initialParams(w, false);
  const names = new Map([...policy].map(([n, v]) => [v.name, n]));
  const update = adamw(policy);
  const adv = advantages(w);
  const rows = prompts(w);
  const promptRows = Array.from({ length: w.sequences }, (_, b) => rows[Math.floor(b / w.group)]);
  const budgetMs = (Number(values['budget-s']) * 1000) / 2;
  let tokens: Int32Array = new Int32Array();
  let run = 0;
  const sampling = await medianRuns(budgetMs, async () => {
    tokens = await sample(w, policy, promptRows, run++);
  });
  const training = await medianRuns(budgetMs, async () => {
    trainStep(w, policy, ref, update, names, tokens, adv);
  });
  const row: Row = {
    implementation: 'plain tfjs',
    backend: tf.getBackend(),
    threads: 1,
    sample_tok_s: (w.sequences * w.newTokens) / (sampling.medianMs / 1000),
    train_tok_s: (w.sequences * w.length) / (training.medianMs / 1000),
    ms_per_step: training.medianMs,
    sample_ms: sampling.medianMs,
    runs: Math.min(sampling.runs, training.runs),
    peak_rss_mb: peakRssMb(),
  };
  console.log(JSON.stringify(row));
}

// A script when run (run.ts starts it), a library when imported (the agreement test).
// Run as a script (from its source, or bundled by ../compiled.ts), not when a test imports it.
if (/plain-tfjs\.(ts|mjs)$/.test(process.argv[1] ?? '')) await main();
