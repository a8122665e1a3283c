// @sous/samplers: nodes that draw what a step trains on. One node per file in nodes/.
import { definePlugin } from '@sous/core';
import { dataset } from './nodes/dataset.js';
import { group } from './nodes/group.js';
import { pairs } from './nodes/pairs.js';
import { prefix } from './nodes/prefix.js';
import { prompts } from './nodes/prompts.js';

export { drawIndices } from './epoch-order.js';
export { sampleRollouts, type SamplingSettings, type ForcedTokens } from './rollouts.js';

export default definePlugin({ namespace: 'samplers', nodes: [dataset, prompts, group, prefix, pairs] });
