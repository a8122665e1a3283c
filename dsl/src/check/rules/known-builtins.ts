// `optimizer` and `schedule` take a call to one of the language's built-ins (builtins.ts):
// `optimizer adamw(lr: 3e-4)`, `schedule cosine(warmup: 20steps)`; an optimizer's `model:` and
// `loss:` name bindings.
import { OPTIMIZERS, SCHEDULES } from '../../builtins.js';
import type { Rule } from '../rule.js';

export const knownBuiltins: Rule = {
  name: 'known-builtins',
  codes: ['R0211', 'R0212', 'R0301'],
  run({ model, report }) {
    for (const stage of model.stages) {
      for (const setting of stage.settings) {
        const spec = model.settingSpec(setting, 'stage');
        if (!spec || spec.form === 'value') continue;
        const names = (spec.form === 'optimizer' ? OPTIMIZERS : SCHEDULES).map((b) => b.name);
        const { value } = setting;
        if (value.type === 'Error') continue;
        if (value.type !== 'Call' || value.callee.type !== 'Identifier') {
          report(
            'R0301',
            value.range,
            `${spec.form} takes a call to one of ${names.join(', ')}, such as \`${spec.form === 'optimizer' ? 'adamw(lr: 3e-4)' : 'cosine(warmup: 100steps)'}\``,
          );
          continue;
        }
        const resolution = model.resolveCall(value, stage.scope);
        if (resolution.ok) {
          // `model:` and `loss:` pick one of the stage's values by name.
          for (const { spec, arg } of resolution.args.ports.values()) {
            if (arg.value.type === 'Identifier' || arg.value.type === 'Error') continue;
            report(
              'R0301',
              arg.value.range,
              `\`${spec.name}:\` of ${resolution.target.label} takes the name of a ${spec.type} binding`,
            );
          }
          continue;
        }
        if (resolution.problem.kind !== 'unknown-builtin') continue;
        const { name, suggestion } = resolution.problem;
        report(
          spec.form === 'optimizer' ? 'R0211' : 'R0212',
          name.range,
          `unknown ${spec.form} "${name.name}"; the ${spec.form}s are ${names.join(', ')}`,
          suggestion,
        );
      }
    }
  },
};
