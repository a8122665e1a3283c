// Operators combine values of the types they are defined on: `+ -` Loss or Rewards, `*` a plain
// number and a Loss or Rewards, `& | !` Masks, unary `-` a number, Loss or Rewards.
import type { Expression } from '../../ast.js';
import { plainNumber } from '../literals.js';
import type { Rule } from '../rule.js';

export const operatorTypes: Rule = {
  name: 'operator-types',
  codes: ['R0307'],
  run({ model, report }) {
    model.forEachExpression((expr, scope) => {
      if (expr.type !== 'Binary' && expr.type !== 'Unary') return;
      if (model.typeOf(expr, scope)) return;
      const operands: Expression[] = expr.type === 'Binary' ? [expr.left, expr.right] : [expr.operand];
      const types = operands.map((operand) => model.typeOf(operand, scope)?.type);
      // An operand of unknown type is someone else's error (unknown name, unknown node ...).
      if (types.some((t) => t === undefined)) return;
      const shown = types.join(' and ');
      let message: string;
      if (expr.type === 'Unary') {
        message =
          expr.operator === '!'
            ? `\`!\` applies to a Mask, not ${shown}`
            : `unary \`-\` applies to a number, a Loss or Rewards, not ${shown}`;
      } else if (expr.operator === '*') {
        message = operands.some((o) => plainNumber(o) !== undefined)
          ? `\`*\` scales a Loss or Rewards by a plain number, not ${shown}`
          : `\`*\` needs a plain number on one side (\`0.5 * loss\`), got ${shown}`;
      } else if (expr.operator === '&' || expr.operator === '|') {
        message = `\`${expr.operator}\` combines two Masks, not ${shown}`;
      } else {
        message = `\`${expr.operator}\` combines two Loss or two Rewards values, not ${shown}`;
      }
      report('R0307', expr.range, message);
    });
  },
};
