// rewards.style_classifier: the log-probability a classifier gives a target class, averaged over a sequence's windows.
import { z } from 'zod';
import { defineNode, type Rewards } from '@sous/core';
import { PBSCR } from '@sous/core/references';
import { checkRollouts, reportRewards, rolloutsMessages } from '../lib/per-sequence.js';

export const style_classifier = defineNode({
  name: 'style_classifier',
  kind: 'reward',
  doc:
    'Style reward: R(y) = mean over the windows w of sequence y of log p(target | w) under a classifier (e.g. a ' +
    "composer classifier over a music generator's bootleg-score windows); a sequence without windows abstains " +
    '(NaN). Metrics: mean, abstained, and `classified_as_target`, the share of scored sequences whose class with the ' +
    'highest mean window log-probability is the target.',
  references: [PBSCR],
  params: z.object({
    target: z.string().min(1).describe("The class to steer toward, by name (one of the classifier's classes)."),
  }),
  inputs: {
    rollouts: { type: 'Rollouts' },
    classifier: { type: 'SequenceClassifier', doc: 'The classifier whose target log-probability is the reward.' },
  },
  output: 'Rewards',
  messages: {
    ...rolloutsMessages,
    notClassifier: 'expected a sequence classifier, got {{got}}',
    unknownTarget: {
      message: 'the classifier has no class "{{target}}"',
      hint: 'Its classes: {{classes}}.',
    },
    badLogProbs:
      'the classifier gave {{got}} log-probabilities for sequence {{index}}: not a whole number of windows of {{classes}} classes',
  },
  run({ rollouts, classifier }, { target }, ctx): Rewards {
    checkRollouts(rollouts, ctx.fail);
    if (classifier?.kind !== 'sequence_classifier') ctx.fail('notClassifier', { got: typeof classifier });
    const classes = classifier.classes.length;
    const t = classifier.classes.indexOf(target);
    if (t < 0) ctx.fail('unknownTarget', { target, classes: classifier.classes.join(', ') });
    const perSequence = classifier.windowLogProbs(rollouts);
    let scored = 0;
    let onTarget = 0;
    const rewards = Float32Array.from(perSequence, (logProbs, index) => {
      if (logProbs.length % classes !== 0) ctx.fail('badLogProbs', { got: logProbs.length, index, classes });
      const windows = logProbs.length / classes;
      if (windows === 0) return NaN;
      const means = new Float64Array(classes);
      for (let w = 0; w < windows; w++)
        for (let c = 0; c < classes; c++) means[c] += logProbs[w * classes + c] / windows;
      scored++;
      if (means.every((m) => m <= means[t])) onTarget++;
      return means[t];
    });
    if (scored > 0) ctx.metric('classified_as_target', onTarget / scored);
    return reportRewards(ctx, rewards);
  },
});
