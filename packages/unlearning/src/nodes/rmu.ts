// unlearning.rmu: representation misdirection — scramble the forget set's activations at one layer.
import { z } from 'zod';
import { Rng, defineNode, tf, type Batch, type Fail, type LanguageModel } from '@sous/core';
import { WMDP_RMU } from '@sous/core/references';
import { stopGradient } from '@sous/objectives';
import { languageModelMessages, languageModelOf } from '../language-model.js';

const messages = {
  ...languageModelMessages,
  noHiddenStates: {
    message: 'the {{port}} does not expose its hidden states, which RMU steers',
    hint: 'Use a models.gpt or models.load model.',
  },
  layerOutOfRange: {
    message: "layer {{layer}} is beyond the {{port}}'s {{layers}} blocks",
    hint: 'Pick a layer between 1 and the number of blocks.',
  },
  rmuContext: {
    message: "{{batch}} rows of {{rowLength}} tokens are longer than the {{port}}'s context of {{context}}",
    hint: 'Use a model with a longer context or shorter examples.',
  },
} as const;

type RmuFail = Fail<keyof typeof messages>;
type Layered = LanguageModel & Required<Pick<LanguageModel, 'hiddenStates' | 'layerCount'>>;

function layered(value: unknown, port: string, layer: number, fail: RmuFail): Layered {
  const model = languageModelOf(value, port, fail);
  if (typeof model.hiddenStates !== 'function' || typeof model.layerCount !== 'number')
    fail('noHiddenStates', { port });
  if (layer > model.layerCount!) fail('layerOutOfRange', { layer, port, layers: model.layerCount });
  return model as Layered;
}

/** Mean over rows of the masked per-token mean squared difference (mean over width) of [B, T, d]
 * activations and `target` (same shape or broadcast), as open-unlearning's activation loss. */
function activationLoss(activations: tf.Tensor3D, target: tf.Tensor, batch: Batch): tf.Scalar {
  const mask = tf.tensor2d(batch.targetMask, [batch.size, batch.length]);
  const perToken = tf.mean(tf.squaredDifference(activations, target), 2);
  const perRow = tf.div(tf.sum(tf.mul(perToken, mask), 1), tf.maximum(tf.sum(mask, 1), 1));
  return tf.mean(perRow) as tf.Scalar;
}

/** A fixed random direction of the given width: uniform [0, 1) coordinates, unit length (WMDP's u). */
export function steeringDirection(width: number, seed: number): Float32Array {
  const rng = new Rng(`unlearning.rmu/${seed}`);
  const u = Float32Array.from({ length: width }, () => rng.uniform());
  const norm = Math.sqrt(u.reduce((sum, x) => sum + x * x, 0));
  return u.map((x) => x / norm);
}

export const rmu = defineNode({
  name: 'rmu',
  kind: 'loss',
  doc:
    'Representation misdirection for unlearning (RMU). With h_ℓ the residual stream after block ℓ and ' +
    'u a fixed random unit vector (uniform coordinates, normalised; from `seed`), the loss is ' +
    '‖h_ℓ^θ(forget) − c·u‖² + α·‖h_ℓ^θ(retain) − h_ℓ^ref(retain)‖², each squared norm a mean over ' +
    'the width, averaged over answer tokens (targetMask) per row and over rows, as open-unlearning ' +
    'writes it. Forget activations are pushed to a meaningless point, retain activations held where ' +
    'the frozen model has them; no gradient reaches the reference. WMDP also trains only the MLPs of ' +
    'layers ℓ−2..ℓ; here every weight below ℓ is trained. Logs rmu_forget and rmu_retain.',
  references: [WMDP_RMU],
  params: z.object({
    layer: z.number().int().min(1).max(1000).default(1).describe('ℓ: the block whose output is steered (1-based).'),
    steering: z.number().gt(0).max(1e4).default(2).describe('c: the norm of the target c·u (open-unlearning: 2).'),
    alpha: z.number().min(0).max(1e6).default(1).describe('α: the weight of the retain term.'),
    seed: z.number().int().min(0).default(0).describe('Chooses the random direction u.'),
  }),
  inputs: {
    policy: { type: 'Model', doc: 'The model being unlearned.' },
    ref: { type: 'Model', doc: 'The frozen model before unlearning: models.frozen(policy).' },
    forget: { type: 'Batch', doc: 'Forget examples, e.g. samplers.dataset(facts.forget).' },
    retain: { type: 'Batch', doc: 'Retain examples, e.g. samplers.dataset(facts.retain_train).' },
  },
  output: 'Loss',
  messages,
  run({ policy, ref, forget, retain }, { layer, steering, alpha, seed }, ctx): tf.Scalar {
    const model = layered(policy, 'policy', layer, ctx.fail);
    const frozen = layered(ref, 'ref', layer, ctx.fail);
    const hidden = (m: Layered, port: string, batch: Batch, name: string) => {
      if (batch.length > m.contextLength) {
        ctx.fail('rmuContext', { batch: name, rowLength: batch.length, port, context: m.contextLength });
      }
      return m.hiddenStates(tf.tensor2d(batch.tokens, [batch.size, batch.length], 'int32'), layer);
    };
    const forgetActivations = hidden(model, 'policy', forget, 'forget');
    const direction = steeringDirection(forgetActivations.shape[2], seed);
    const forgetLoss = activationLoss(forgetActivations, tf.mul(tf.tensor1d(direction), steering), forget);
    const retainLoss = activationLoss(
      hidden(model, 'policy', retain, 'retain'),
      stopGradient(hidden(frozen, 'ref', retain, 'retain')),
      retain,
    );
    ctx.metric(
      'rmu_forget',
      tf.tidy(() => forgetLoss.dataSync()[0]),
    );
    ctx.metric(
      'rmu_retain',
      tf.tidy(() => retainLoss.dataSync()[0]),
    );
    return tf.add(forgetLoss, tf.mul(retainLoss, alpha)) as tf.Scalar;
  },
});
