// `npm run bench [-- --workload NAME]`: the benchmark of one workload (grpo-tiny by default; grpo-small;
// dsm-mlp). Each workload's runner reads the remaining flags itself. `--probe`: the machine's
// matrix-product peak (probe.ts).
import { parseArgs } from 'node:util';
import { buildPackages } from './compiled.js';

const { values } = parseArgs({
  options: { workload: { type: 'string', default: 'grpo-tiny' }, probe: { type: 'boolean', default: false } },
  strict: false,
});
if (values.probe) await import('./probe.js');
else {
  // The sous rows run the packages' built JavaScript (compiled.ts): built from the sources first.
  buildPackages();
  if (values.workload === 'dsm-mlp') await import('./dsm-mlp/run.js');
  else await import('./grpo/run.js');
}
