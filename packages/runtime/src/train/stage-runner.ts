// One stage's step: run its nodes, compute each optimizer's gradients of its loss, guard against
// non-finite values, clip, update, and evaluate. Everything a step allocates lives in one engine
// scope, so the live tensor count is the same after every step.
//
// With `accumulate k`, a step is k micro-steps; nodes see `step = s·k + micro` (each micro-step
// is its own step of the data pipeline, so a sampler draws a fresh batch), and the k gradients are
// averaged into one update. Evals and records use the optimizer step s.
import { planEdges, type PlanStage } from '@sous/dsl';
import { tf, SousError } from '@sous/core';
import { createOptimizer } from '../optim/create.js';
import { stageSettings } from './settings.js';
import { createSchedule, type Schedule } from '../optim/schedule.js';
import { clipByGlobalNorm, globalNorm, gradientNorms } from '../optim/clip.js';
import { GradientAccumulator } from '../optim/accumulate.js';
import type { Optimizer } from '../optim/optimizer.js';
import { MetricRecorder } from '../exec/metric-recorder.js';
import { isFiniteValue } from '../exec/finite.js';
import { describeNode, whereIs } from '../exec/node-table.js';
import type { Executor } from '../exec/executor.js';

/** A metrics.jsonl record. Train: `{stage, step, <loss binding>, lr, grad_norm, [skipped_steps],
 * ...node metrics}` with `step` 0-based in the stage and the loss measured before that step's
 * update; with several optimizers `lr` and `grad_norm` are prefixed by the optimizer's model (or
 * loss) binding (`critic.lr`). Eval: `{kind: "eval", stage, step, ...metrics}`, measured after
 * step `step`'s update. */
export type StepRecord = Record<string, string | number>;

export interface StepResult {
  train: StepRecord;
  /** Present when an eval ran after this step. */
  eval?: StepRecord;
  /** True when a non-finite value made the step skip its update (`on_nan "skip"`). */
  skipped: boolean;
}

interface OptimizerSlot {
  optimizer: Optimizer;
  lr: number;
  /** Prefix of its `lr` and `grad_norm` keys: empty with one optimizer, else `<model or loss>.`. */
  keyPrefix: string;
  lossId: string;
  /** Record key of its loss: the loss binding (`loss`) or node id. */
  lossKey: string;
  variables: Map<string, tf.Variable>;
  /** tf's internal variable name → our `<model>.<weight>` name (variableGrads keys by the former). */
  namesByTfName: Map<string, string>;
  /** The stage's gradient-scope nodes the loss depends on, in plan order. */
  gradientNodes: string[];
}

export class StageRunner {
  readonly steps: number;
  /** Steps whose update was skipped because of a non-finite loss or gradient (`on_nan "skip"`). */
  skippedSteps = 0;
  private readonly slots: OptimizerSlot[];
  private readonly schedule: Schedule;
  private readonly outsideGradient: string[];
  private readonly accumulate: number;
  private readonly clipNorm: number | undefined;
  private readonly onNan: 'stop' | 'skip';
  private readonly reservedKeys: Set<string>;

  /** Runs the top-level nodes the stage needs (`Executor.enterStage`), then makes its runner.
   * `steps` caps the stage's own step count (`--steps`). */
  static async open(executor: Executor, stage: PlanStage, steps = stage.steps): Promise<StageRunner> {
    await executor.enterStage(stage);
    return new StageRunner(executor, stage, steps);
  }

  private constructor(
    private readonly executor: Executor,
    readonly stage: PlanStage,
    steps: number,
  ) {
    this.steps = Math.min(stage.steps, steps);
    const settings = stageSettings(executor.plan, stage);
    this.accumulate = settings.accumulate;
    this.clipNorm = settings.clipGradNorm;
    this.onNan = settings.onNan;
    this.schedule = createSchedule(stage.schedule, this.steps);
    this.outsideGradient = stage.nodes.filter((id) => !executor.nodes.get(id)!.inGradient);
    this.slots = this.createSlots();
    this.reservedKeys = new Set(['kind', 'stage', 'step', 'skipped_steps']);
    for (const slot of this.slots) {
      for (const key of [slot.lossKey, `${slot.keyPrefix}lr`, `${slot.keyPrefix}grad_norm`]) this.reservedKeys.add(key);
    }
  }

  private createSlots(): OptimizerSlot[] {
    const { stage, executor } = this;
    const labels = stage.optimizers.map((spec) => {
      const model = spec.model ? executor.models.find((m) => m.id === spec.model)?.name : undefined;
      return model ?? lossKeyOf(executor, spec.loss ?? stage.loss ?? '');
    });
    return stage.optimizers.map((spec, index) => {
      const where = { file: spec.source.file, line: spec.source.line, column: spec.source.col };
      const lossId = spec.loss ?? stage.loss;
      if (!lossId)
        throw new SousError(`stage "${stage.name}": optimizer ${spec.name} has no loss to minimise`, {
          ...where,
          hint: 'Bind `loss = ...` in the stage, or name `loss:` on the optimizer.',
        });
      if (!executor.nodes.get(lossId)?.inGradient)
        throw new SousError(
          `stage "${stage.name}": optimizer ${spec.name} minimises "${lossId}", which is not a loss`,
          where,
        );
      const variables = executor.variables(spec.model ?? undefined);
      if (variables.size === 0) {
        throw new SousError(`stage "${stage.name}": optimizer ${spec.name} has no trainable weights to update`, {
          ...where,
          hint: 'Its model is frozen, or the recipe defines no trainable model.',
        });
      }
      const { optimizer, lr } = createOptimizer(spec, variables);
      const duplicate = labels.filter((label) => label === labels[index]).length > 1;
      return {
        optimizer,
        lr,
        lossId,
        variables,
        keyPrefix: stage.optimizers.length === 1 ? '' : `${labels[index]}${duplicate ? `#${index}` : ''}.`,
        lossKey: lossKeyOf(executor, lossId),
        namesByTfName: new Map([...variables].map(([name, variable]) => [variable.name, name])),
        gradientNodes: this.gradientAncestors(lossId),
      };
    });
  }

  /** The gradient-scope nodes of this stage that `lossId` depends on (itself included), in order. */
  private gradientAncestors(lossId: string): string[] {
    const needed = new Set<string>();
    const visit = (id: string): void => {
      const node = this.executor.nodes.get(id)!;
      if (needed.has(id) || !node.inGradient || node.plan.stage !== this.stage.name) return;
      needed.add(id);
      for (const edge of planEdges(node.plan)) visit(edge.node);
    };
    visit(lossId);
    return this.stage.nodes.filter((id) => needed.has(id));
  }

  async step(step: number): Promise<StepResult> {
    const engine = tf.engine();
    engine.startScope();
    try {
      return await this.runStep(step);
    } finally {
      engine.endScope();
    }
  }

  private async runStep(step: number): Promise<StepResult> {
    const recorder = new MetricRecorder(this.reservedKeys);
    const forward = await this.computeGradients(step, recorder);
    const record: StepRecord = { stage: this.stage.name, step, ...Object.fromEntries(forward.losses) };
    let failure = forward.failure;
    const updates = failure
      ? []
      : this.slots.map((slot, index) => {
          const grads = forward.accumulators[index].mean();
          const norms = gradientNorms(grads);
          const norm = globalNorm(norms);
          const lr = slot.lr * this.schedule(step);
          record[`${slot.keyPrefix}lr`] = lr;
          record[`${slot.keyPrefix}grad_norm`] = norm;
          const bad = [...norms].find(([, n]) => !Number.isFinite(n));
          if (bad && !failure) failure = this.gradientFailure(slot, bad[0], step);
          return { slot, grads, norm, lr };
        });
    if (failure) {
      if (this.onNan === 'stop') throw failure;
      this.skippedSteps += 1;
      this.executor.logger.warn(`${failure.message}; step skipped (on_nan "skip")`);
    } else {
      for (const { slot, grads, norm, lr } of updates) {
        slot.optimizer.apply(this.clipNorm === undefined ? grads : clipByGlobalNorm(grads, this.clipNorm, norm), lr);
      }
    }
    if (this.onNan === 'skip') record.skipped_steps = this.skippedSteps;
    Object.assign(record, recorder.values());
    const evalRecord = this.evalDue(step) ? await this.evaluate(step, forward.values) : undefined;
    return { train: record, eval: evalRecord, skipped: failure !== undefined };
  }

  /** The micro-steps of one step: run the nodes, then each optimizer's loss and gradients. Stops
   * at the first non-finite loss, returning the error that names it. */
  private async computeGradients(step: number, recorder: MetricRecorder) {
    const accumulators = this.slots.map(() => new GradientAccumulator());
    const losses = new Map<string, number>();
    let values = new Map<string, unknown>();
    for (let micro = 0; micro < this.accumulate; micro++) {
      const at = { stage: this.stage.name, step: step * this.accumulate + micro, recorder };
      values = new Map(this.executor.topValues);
      this.executor.memo.nextStep();
      for (const id of this.outsideGradient) values.set(id, await this.executor.runNode(id, values, at));
      for (const [index, slot] of this.slots.entries()) {
        const { value, grads } = tf.variableGrads(
          () => this.lossTensor(slot, values, at),
          [...slot.variables.values()],
        );
        const loss = value.dataSync()[0];
        losses.set(slot.lossKey, (losses.get(slot.lossKey) ?? 0) + loss / this.accumulate);
        if (!Number.isFinite(loss))
          return { accumulators, losses, values, failure: this.lossFailure(slot, values, at.step, step, loss) };
        // A variable created non-trainable gets a null gradient: it is not optimised.
        const named = Object.entries(grads)
          .filter(([, grad]) => grad != null)
          .map(([tfName, grad]) => [slot.namesByTfName.get(tfName)!, grad] as const);
        accumulators[index].add(new Map(named));
      }
    }
    return { accumulators, losses, values, failure: undefined as SousError | undefined };
  }

  /** Runs the loss's gradient-scope nodes; returns the loss as a scalar (inside variableGrads). */
  private lossTensor(
    slot: OptimizerSlot,
    values: Map<string, unknown>,
    at: { stage: string; step: number; recorder: MetricRecorder },
  ): tf.Scalar {
    const local = new Map(values);
    this.executor.memo.nextGradient();
    for (const id of slot.gradientNodes) local.set(id, this.executor.runNodeInGradient(id, local, at));
    const loss = local.get(slot.lossId);
    const node = this.executor.nodes.get(slot.lossId)!.plan;
    if (!(loss instanceof tf.Tensor) || loss.size !== 1) {
      const got = loss instanceof tf.Tensor ? `a tensor of shape [${loss.shape}]` : typeof loss;
      throw new SousError(`loss node ${describeNode(node)} returned ${got}; a loss must be a scalar tensor`, {
        ...whereIs(node),
        hint: 'This is a bug in the plugin that defines it.',
      });
    }
    return (loss.rank === 0 ? loss : tf.reshape(loss, [])) as tf.Scalar;
  }

  /** Names the first gradient-scope node whose output is not finite, by re-running them. */
  private lossFailure(
    slot: OptimizerSlot,
    values: Map<string, unknown>,
    dataStep: number,
    step: number,
    loss: number,
  ): SousError {
    let culprit = slot.lossId;
    tf.tidy(() => {
      const local = new Map(values);
      this.executor.memo.nextGradient();
      const at = { stage: this.stage.name, step: dataStep, recorder: new MetricRecorder() };
      for (const id of slot.gradientNodes) {
        const value = this.executor.runNodeInGradient(id, local, at);
        local.set(id, value);
        if (!isFiniteValue(value)) {
          culprit = id;
          return;
        }
      }
    });
    const node = this.executor.nodes.get(culprit)!.plan;
    const origin =
      culprit === slot.lossId
        ? `node ${describeNode(node)}`
        : `node ${describeNode(node)}, the first non-finite value on the way to it`;
    return new SousError(
      `stage "${this.stage.name}", step ${step}: the loss "${slot.lossKey}" is ${loss}, produced by ${origin}`,
      { ...whereIs(node), hint: NAN_HINT },
    );
  }

  private gradientFailure(slot: OptimizerSlot, variable: string, step: number): SousError {
    const node = this.executor.nodes.get(slot.lossId)!.plan;
    return new SousError(
      `stage "${this.stage.name}", step ${step}: the gradient of "${variable}" is not finite (loss "${slot.lossKey}" of node ${describeNode(node)})`,
      { ...whereIs(node), hint: NAN_HINT },
    );
  }

  private evalDue(step: number): boolean {
    return this.stage.evals.some((spec) => (step + 1) % spec.every === 0 || step === this.steps - 1);
  }

  /** Runs the due eval blocks after step `step`'s update; their Metrics make one eval record. A
   * metric name two eval nodes share is qualified by the node's binding or id. */
  private async evaluate(step: number, stepValues: Map<string, unknown>): Promise<StepRecord> {
    const recorder = new MetricRecorder(new Set(['kind', 'stage', 'step']));
    const metrics: Record<string, number> = {};
    const values = new Map(stepValues);
    // The update changed the models: what the step memoised no longer holds.
    this.executor.memo.nextStep();
    for (const spec of this.stage.evals) {
      if ((step + 1) % spec.every !== 0 && step !== this.steps - 1) continue;
      for (const id of spec.nodes) {
        const node = this.executor.nodes.get(id)!.plan;
        const value = await this.executor.runNode(id, values, { stage: this.stage.name, step, recorder });
        values.set(id, value);
        if (node.output !== 'Metrics') continue;
        if (typeof value !== 'object' || value === null)
          throw new SousError(`eval node ${describeNode(node)} returned ${typeof value}, not Metrics`, whereIs(node));
        for (const [name, metric] of Object.entries(value)) {
          if (typeof metric !== 'number') continue;
          metrics[
            name in metrics || name === 'kind' || name === 'stage' || name === 'step'
              ? `${node.binding ?? id}.${name}`
              : name
          ] = metric;
        }
      }
    }
    return { kind: 'eval', stage: this.stage.name, step, ...metrics, ...recorder.values() };
  }

  /** Optimizer state for a checkpoint, one named-tensor map per optimizer (tensors stay owned by
   * the optimizers). */
  optimizerStates(): Map<string, tf.Tensor>[] {
    return this.slots.map((slot) => slot.optimizer.state());
  }

  loadOptimizerStates(states: Map<string, tf.Tensor>[], files: string[]): void {
    for (const [index, slot] of this.slots.entries()) slot.optimizer.loadState(states[index], files[index]);
  }

  get optimizerCount(): number {
    return this.slots.length;
  }

  dispose(): void {
    for (const slot of this.slots) slot.optimizer.dispose();
  }
}

const NAN_HINT =
  'The run stopped before applying the update. Write `on_nan "skip"` in the stage (or at the top of the recipe) to skip such steps instead.';

function lossKeyOf(executor: Executor, lossId: string): string {
  const node = executor.nodes.get(lossId)?.plan;
  return node?.binding ?? lossId;
}
