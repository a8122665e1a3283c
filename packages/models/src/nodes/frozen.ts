// models.frozen: a copy of a model's weights that training does not change (a reference policy).
import { z } from 'zod';
import { defineNode, type LanguageModel } from '@sous/core';

interface Freezable extends LanguageModel {
  frozenCopy(): LanguageModel;
}

function isFreezable(model: unknown): model is Freezable {
  return typeof (model as Partial<Freezable> | null)?.frozenCopy === 'function';
}

export const frozen = defineNode({
  name: 'frozen',
  kind: 'model',
  doc:
    'A frozen copy of `model`: the weights it has when this node runs, never trained, not ' +
    'optimised (the reference policy of a KL penalty). A top-level `models.frozen(policy)` runs ' +
    'once, when the first stage that reads it starts: in an SFT-then-GRPO recipe whose GRPO stage ' +
    'uses it, it copies the policy after SFT. Checkpoints keep it, so a resumed run has the same reference.',
  params: z.object({}),
  inputs: { model: { type: 'Model', doc: 'The model to copy (e.g. the policy).' } },
  output: 'Model',
  messages: {
    notFreezable: {
      message: 'this model cannot be copied (it has no frozenCopy())',
      hint: 'Pass a model made by models.gpt or models.load.',
    },
  },
  run({ model }, _params, ctx) {
    return isFreezable(model) ? model.frozenCopy() : ctx.fail('notFreezable');
  },
});
