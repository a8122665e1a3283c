// `npm run conformance -w tools/conformance`: prints every convention a first-party plugin's node breaks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceProblems } from './conformance.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const problems = await workspaceProblems(root);
for (const problem of problems) console.log(problem);
console.log(
  problems.length === 0 ? 'conformance: every node keeps the conventions' : `conformance: ${problems.length} problems`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
