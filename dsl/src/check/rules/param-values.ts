// Parameter values: every node and built-in parameter, setting and `eval every` holds a literal
// of its ParamSpec's type, unit and range (check/values.ts does the checking).
import { resolveParamValue } from '../values.js';
import { EVAL_EVERY } from '../../builtins.js';
import type { Expression } from '../../ast.js';
import type { ParamSpec } from '../../registry.js';
import type { Rule } from '../rule.js';

export const paramValues: Rule = {
  name: 'param-values',
  codes: ['R0301', 'R0302', 'R0303', 'R0308'],
  run({ model, report }) {
    const validate = (spec: ParamSpec, expr: Expression, subject: string) => {
      const result = resolveParamValue(spec, expr, subject);
      if (!result.ok && result.problem) {
        const { code, range, message, suggestion } = result.problem;
        report(code, range, message, suggestion);
      }
    };
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Call') return;
      const resolution = model.resolveCall(expr, scope);
      if (!resolution.ok) return;
      for (const [name, { spec, arg }] of resolution.args.params)
        validate(spec, arg.value, `"${name}" of ${resolution.target.label}`);
    });
    const settings = [
      ...model.topSettings.map((setting) => ({ setting, level: 'top' as const })),
      ...model.stages.flatMap((stage) => stage.settings.map((setting) => ({ setting, level: 'stage' as const }))),
    ];
    for (const { setting, level } of settings) {
      const spec = model.settingSpec(setting, level);
      if (spec?.form === 'value') validate(spec.spec, setting.value, `setting "${spec.name}"`);
    }
    for (const stage of model.stages) {
      for (const { block } of stage.evals) validate(EVAL_EVERY, block.every, '`eval every`');
    }
  },
};
