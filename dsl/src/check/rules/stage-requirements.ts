// What makes a stage trainable: a number of steps, and for its optimizers a loss (the stage's
// `loss` binding, of type Loss, or `loss:` on each optimizer); several optimizers each update
// their own model.
import type { Binding, CallExpression, Setting } from '../../ast.js';
import type { StageModel } from '../model.js';
import type { Rule, RuleContext } from '../rule.js';

export const stageRequirements: Rule = {
  name: 'stage-requirements',
  codes: ['R0403', 'R0404', 'R0405', 'R0406', 'R0407'],
  run(context) {
    for (const stage of context.model.stages) checkStage(context, stage);
  },
};

function checkStage({ model, report }: RuleContext, stage: StageModel): void {
  const name = stage.stage.name;
  if (!stage.settings.some((s) => s.name.name === 'steps')) {
    report('R0403', name.range, `stage "${name.name}" needs \`steps N\` (how many optimizer steps it runs)`);
  }
  const optimizers = stage.settings.flatMap((setting) => {
    const call = optimizerCall(setting);
    if (!call) return [];
    const resolution = model.resolveCall(call, stage.scope);
    return resolution.ok ? [{ call, args: resolution.args }] : [];
  });
  const loss = stage.scope.bindings.get('loss');
  if (loss) {
    const type = model.bindingType(loss)?.type;
    if (type && type !== 'Loss' && type !== 'Any') {
      report('R0405', loss.name.range, `the stage's \`loss\` must be a Loss, got ${type}`);
    }
    // A setting that failed to resolve is still an optimizer the user wrote (reported elsewhere).
    if (!stage.settings.some((s) => s.name.name === 'optimizer')) {
      report(
        'R0406',
        loss.name.range,
        `stage "${name.name}" binds a loss but has no optimizer, so nothing is trained; add \`optimizer adamw(lr: ...)\``,
      );
    }
  } else if (optimizers.some(({ args }) => !args.ports.has('loss'))) {
    report(
      'R0404',
      name.range,
      `stage "${name.name}" has an optimizer but no \`loss\` to minimise; bind \`loss = ...\` in the stage or give the optimizer \`loss:\``,
    );
  }
  if (optimizers.length < 2) return;
  const claimed = new Map<Binding, CallExpression>();
  for (const { call, args } of optimizers) {
    const target = args.ports.get('model')?.arg.value;
    if (!target) {
      report(
        'R0407',
        call.callee.range,
        `stage "${name.name}" has ${optimizers.length} optimizers; give each one \`model:\` so that every model is updated by one optimizer`,
      );
      continue;
    }
    if (target.type !== 'Identifier') continue;
    const resolved = model.resolveName(target.name, stage.scope);
    if (resolved?.kind !== 'binding') continue;
    const other = claimed.get(resolved.binding);
    if (other) {
      report(
        'R0407',
        target.range,
        `"${target.name}" is already updated by the optimizer on line ${other.range.start.line}; each model gets one optimizer`,
      );
    } else {
      claimed.set(resolved.binding, call);
    }
  }
}

function optimizerCall(setting: Setting): CallExpression | undefined {
  return setting.name.name === 'optimizer' && setting.value.type === 'Call' ? setting.value : undefined;
}
