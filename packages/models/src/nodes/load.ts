// models.load: a GPT-2-style model from a Hugging Face-style folder on disk.
import path from 'node:path';
import { z } from 'zod';
import { defineNode } from '@sous/core';
import { loadHfFolder } from '../checkpoint/hf-folder.js';
import { GPT2 } from '@sous/core/references';

export const load = defineNode({
  name: 'load',
  kind: 'model',
  doc:
    'Loads a GPT-2-style model from a folder holding config.json and model.safetensors (as ' +
    'Hugging Face `save_pretrained` writes them, F32 or F16). A tokenizer.json in the folder ' +
    "becomes the model's tokenizer. Nothing is downloaded.",
  references: [GPT2],
  params: z.object({
    path: z.string().min(1).describe('The model folder, relative to the recipe file.'),
    trainable: z
      .boolean()
      .default(true)
      .describe('False loads a frozen model (e.g. a fixed reference or reward model).'),
  }),
  inputs: {},
  output: 'Model',
  run(_inputs, { path: folder, trainable }, ctx) {
    return loadHfFolder(path.resolve(ctx.recipeDir, folder), { trainable });
  },
});
