// Settings come from a closed, language-defined set (builtins.ts), at the level they belong to;
// each is given once, except `optimizer` (one per trained model). A misspelt statement keyword
// (`uze "@sous/tasks"`) parses as a setting too, so the suggestions include those keywords.
import type { Setting } from '../../ast.js';
import { STAGE_SETTINGS, TOP_LEVEL_SETTINGS } from '../../builtins.js';
import { suggest } from '../../suggest.js';
import type { Rule, RuleContext } from '../rule.js';

export const knownSettings: Rule = {
  name: 'known-settings',
  codes: ['R0210', 'R0214'],
  run(context) {
    checkLevel(context, context.model.topSettings, 'top');
    for (const stage of context.model.stages) checkLevel(context, stage.settings, 'stage');
  },
};

/** Keywords that start a statement at each level. */
const STATEMENT_KEYWORDS = { top: ['sous', 'recipe', 'use', 'stage'], stage: ['eval'] } as const;

function checkLevel({ model, report }: RuleContext, settings: Setting[], level: 'top' | 'stage'): void {
  const here = (level === 'top' ? TOP_LEVEL_SETTINGS : STAGE_SETTINGS).map((s) => s.name);
  const there = (level === 'top' ? STAGE_SETTINGS : TOP_LEVEL_SETTINGS).map((s) => s.name);
  const seen = new Map<string, Setting>();
  for (const setting of settings) {
    const name = setting.name.name;
    const spec = model.settingSpec(setting, level);
    if (!spec) {
      const message = there.includes(name)
        ? `"${name}" is a ${level === 'top' ? 'stage' : 'top-level'} setting; move it ${level === 'top' ? 'into a stage' : 'out of the stage'}`
        : `unknown ${level === 'top' ? 'top-level' : 'stage'} setting "${name}"; the settings here are ${here.join(', ')}`;
      report(
        'R0210',
        setting.name.range,
        message,
        there.includes(name) ? undefined : suggest(name, [...here, ...STATEMENT_KEYWORDS[level]]),
      );
      continue;
    }
    const first = seen.get(name);
    if (first && spec.form !== 'optimizer') {
      report(
        'R0214',
        setting.name.range,
        `"${name}" is already set on line ${first.range.start.line}; give each setting once`,
      );
    } else if (!first) {
      seen.set(name, setting);
    }
  }
}
