// @sous/unlearning: forgetting objectives, the unlearning benchmark's metrics and provenance tests.
import { definePlugin } from '@sous/core';
import { in_order } from './nodes/in_order.js';
import { markov_corpus } from './nodes/markov_corpus.js';
import { provenance_query } from './nodes/provenance_query.js';
import { provenance_text } from './nodes/provenance_text.js';
import { class_fidelity } from './nodes/class_fidelity.js';
import { denoiser_copy } from './nodes/denoiser_copy.js';
import { one_step_generator } from './nodes/one_step_generator.js';
import { one_step_sample } from './nodes/one_step_sample.js';
import { score_forgetting } from './nodes/score_forgetting.js';

export default definePlugin({
  namespace: 'unlearning',
  nodes: [
    // provenance: palimpsestic membership inference
    markov_corpus,
    in_order,
    provenance_query,
    provenance_text,
    // diffusion unlearning: score forgetting distillation
    one_step_generator,
    denoiser_copy,
    one_step_sample,
    score_forgetting,
    class_fidelity,
  ],
});
