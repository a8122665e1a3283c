// `npm run bench [-- --workload NAME]`: the benchmark of one workload (grpo-tiny by default; grpo-small;
// dsm-mlp). Each workload's runner reads the remaining flags itself.
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { workload: { type: 'string', default: 'grpo-tiny' } }, strict: false });
if (values.workload === 'dsm-mlp') await import('./dsm-mlp/run.js');
else await import('./grpo/run.js');
