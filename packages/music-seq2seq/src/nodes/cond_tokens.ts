// music.cond_tokens: the encoder's condition tokens of each lead sheet (affect/leadsheet.ts).
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { LEAD_SHEETS_WITH_AFFECT } from '@sous/core/references';
import { condTokens } from '../affect/leadsheet.js';

export const condTokensNode = defineNode({
  name: 'cond_tokens',
  kind: 'transform',
  doc:
    'Condition tokens of each lead sheet, the encoder input of affect-conditioned generation: ' +
    '"VAL=<negative|neutral|positive> TS=<n/d> PHRASE=<letter><bars> …", one PHRASE token per phrase of the plan.',
  references: [LEAD_SHEETS_WITH_AFFECT],
  params: z.object({}),
  inputs: { sheets: { type: 'LeadSheets' } },
  output: 'List',
  run({ sheets }): string[] {
    return sheets.sheets.map((sheet) => condTokens(sheet).join(' '));
  },
});
