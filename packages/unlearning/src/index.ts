// @sous/unlearning: forgetting objectives, the unlearning benchmark's metrics and provenance tests.
import { definePlugin } from '@sous/core';
import { in_order } from './nodes/in_order.js';
import { markov_corpus } from './nodes/markov_corpus.js';
import { provenance_query } from './nodes/provenance_query.js';
import { provenance_text } from './nodes/provenance_text.js';
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
    score_forgetting,
  ],
});
