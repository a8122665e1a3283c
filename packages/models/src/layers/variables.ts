// The weight variables of a model, shared by the GPT and the encoder–decoder: made from fresh
// values or from given tensors (checked against the model's weight specs), frozen copies.
import { SousError, tf } from '@sous/core';
import type { WeightSpec } from '../gpt/weights.js';

/** Variables over fresh values (see init.ts). */
export function variablesFromValues(
  values: Map<string, { shape: number[]; values: Float32Array }>,
  trainable: boolean,
): Map<string, tf.Variable> {
  const variables = new Map<string, tf.Variable>();
  for (const [name, weight] of values) {
    variables.set(
      name,
      tf.tidy(() => tf.variable(tf.tensor(weight.values, weight.shape, 'float32'), trainable)),
    );
  }
  return variables;
}

/**
 * Variables over copies of `weights`: every name of `specs` must be present with its shape, and
 * no other. `model` names the architecture and `source` the file, in errors.
 */
export function variablesFromWeights(
  specs: Map<string, WeightSpec>,
  weights: Map<string, tf.Tensor>,
  trainable: boolean,
  model: string,
  source?: string,
): Map<string, tf.Variable> {
  for (const [name, spec] of specs) {
    const tensor = weights.get(name);
    if (!tensor) throw new SousError(`missing weight "${name}" (shape [${spec.shape}])`, { file: source });
    if (tensor.shape.length !== spec.shape.length || tensor.shape.some((size, i) => size !== spec.shape[i])) {
      throw new SousError(`weight "${name}" has shape [${tensor.shape}], expected [${spec.shape}]`, { file: source });
    }
  }
  for (const name of weights.keys()) {
    if (!specs.has(name)) throw new SousError(`unexpected weight "${name}" for this ${model} config`, { file: source });
  }
  const variables = new Map<string, tf.Variable>();
  for (const name of specs.keys()) {
    variables.set(
      name,
      tf.tidy(() => tf.variable(tf.cast(weights.get(name)!, 'float32'), trainable)),
    );
  }
  return variables;
}

/** Non-trainable copies of `variables`: they share nothing mutable. */
export function frozenVariables(variables: Map<string, tf.Variable>): Map<string, tf.Variable> {
  const frozen = new Map<string, tf.Variable>();
  for (const [name, variable] of variables) frozen.set(name, tf.variable(variable, false));
  return frozen;
}
