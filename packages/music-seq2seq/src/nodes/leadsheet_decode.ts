// music.leadsheet_decode: sampled seq2seq rows back to lead sheets under the conditions they were
// sampled for; what the lead-sheet grammar refuses is skipped and counted, never thrown.
import { defineNode } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { z } from 'zod';
import type { LeadSheet } from '../affect/leadsheet.js';
import { LeadSheetVocabulary } from '../affect/tokens.js';
import type { LeadSheets } from '../style-port-types.js';

export const leadsheetDecode = defineNode({
  name: 'leadsheet_decode',
  kind: 'metric',
  doc:
    'Decodes each sampled row of a model trained on music.leadsheet_rows into a lead sheet: the conditions ' +
    '(valence, meter, phrase plan) from the condition tokens of its prompt, the bars from its completion, each ' +
    "chord lasting to the next chord of its bar or the bar's end. Tokens the grammar refuses are skipped; " +
    'metrics: illegal_rate (skipped tokens per sampled token: 0 when the sampler drew under the grammar), ' +
    'unfinished (notes cut off before their Duration, per sheet) and bars (per sheet).',
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({}),
  inputs: { rollouts: { type: 'Rollouts', doc: 'Samples of a model trained on music.leadsheet_rows rows.' } },
  output: 'LeadSheets',
  messages: {
    notLeadSheets: {
      message: 'the rollouts were sampled in a tokenizer that is not a lead-sheet vocabulary',
      hint: 'Train the model on music.leadsheet_rows(...) and pass its vocab to models.seq2seq(vocab: rows.vocab).',
    },
    noConditions: {
      message: 'the prompt of sample {{index}} names no valence or no meter condition',
      hint: 'Sample from samplers.prompts(rows.test) of music.leadsheet_rows.',
    },
  },
  run({ rollouts }, _params, ctx): LeadSheets {
    const vocab = rollouts.vocab instanceof LeadSheetVocabulary ? rollouts.vocab : ctx.fail('notLeadSheets');
    let illegal = 0,
      unfinished = 0,
      bars = 0,
      sampled = 0;
    const sheets = Array.from({ length: rollouts.size }, (_, i): LeadSheet => {
      const row = rollouts.tokens.subarray(i * rollouts.length, (i + 1) * rollouts.length);
      const prompt = rollouts.promptLength[i];
      const decoded = vocab.decodeSheet(
        row.subarray(0, prompt),
        row.subarray(prompt, prompt + rollouts.completionLength[i]),
      );
      if (decoded === undefined) return ctx.fail('noConditions', { index: i });
      illegal += decoded.report.illegal;
      unfinished += decoded.report.unfinished;
      sampled += rollouts.completionLength[i];
      bars += decoded.sheet.bars.length;
      return decoded.sheet;
    });
    ctx.metric('illegal_rate', sampled === 0 ? 0 : illegal / sampled);
    ctx.metric('unfinished', unfinished / Math.max(rollouts.size, 1));
    ctx.metric('bars', bars / Math.max(rollouts.size, 1));
    return { kind: 'leadsheets', sheets };
  },
});
