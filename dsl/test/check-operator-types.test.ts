import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, diagnose, MODELS, summary } from './fixtures/diagnose.js';

const STAGE = (lines: string) => `${MODELS}stage a {
  steps 1
  prompts  = samplers.prompts(task.train)
  rollouts = samplers.group(policy, prompts)
  reward   = rewards.exact_answer(rollouts, task)
  adv      = objectives.group_norm(reward, rollouts)
  mask     = objectives.completion_mask(rollouts)
  pg       = objectives.reinforce(policy, rollouts, adv, mask)
  kl       = objectives.kl(policy, ref, rollouts, mask)
${lines}
}
`;

test('the operators accept their types', () => {
  const { diagnostics } = diagnose(
    STAGE(`  l1 = pg + 0.04 * kl
  l2 = pg - kl * 2
  l3 = -pg
  r2 = reward + rewards.overlong(rollouts, max_len: 12) - 0.5 * reward
  m2 = mask & !objectives.truncated(rollouts) | mask`),
  );
  assert.equal(diagnostics, []);
});

test('mixing a Loss and Rewards names both types', () => {
  const { source, diagnostics } = diagnose(STAGE('  bad = pg + reward'));
  assert.equal(summary(diagnostics), [at(source, 'pg + reward', 'R0307')]);
  assert.is(diagnostics[0].message, '`+` combines two Loss or two Rewards values, not Loss and Rewards');
});

test('`*` needs a plain number and a Loss or Rewards', () => {
  const two = diagnose(STAGE('  bad = pg * kl'));
  assert.equal(summary(two.diagnostics), [at(two.source, 'pg * kl', 'R0307')]);
  assert.match(two.diagnostics[0].message, '`*` needs a plain number on one side');
  const mask = diagnose(STAGE('  bad = 2 * mask'));
  assert.equal(summary(mask.diagnostics), [at(mask.source, '2 * mask', 'R0307')]);
  assert.is(mask.diagnostics[0].message, '`*` scales a Loss or Rewards by a plain number, not Number and Mask');
  const quantity = diagnose(STAGE('  bad = 2steps * pg'));
  assert.equal(summary(quantity.diagnostics), [at(quantity.source, '2steps * pg', 'R0307')]);
});

test('`& | !` take masks only', () => {
  const and = diagnose(STAGE('  bad = mask & adv'));
  assert.equal(summary(and.diagnostics), [at(and.source, 'mask & adv', 'R0307')]);
  assert.is(and.diagnostics[0].message, '`&` combines two Masks, not Mask and Advantages');
  const not = diagnose(STAGE('  bad = !pg'));
  assert.equal(summary(not.diagnostics), [at(not.source, '!pg', 'R0307')]);
  assert.is(not.diagnostics[0].message, '`!` applies to a Mask, not Loss');
  const neg = diagnose(STAGE('  bad = -mask'));
  assert.equal(summary(neg.diagnostics), [at(neg.source, '-mask', 'R0307')]);
});

test('an operand of unknown type reports only the unknown name', () => {
  const { diagnostics } = diagnose(STAGE('  bad = pg + nope'));
  assert.equal(
    diagnostics.map((d) => d.code),
    ['R0204'],
  );
});

test.run();
